/**
 * The reference model: one profile whose followers change over time. The list is newest first (a follow,
 * or a re-follow, goes to the head); some followers are accounts Nyne lists without a username.
 */
export interface Follower {
	/** null: an account Nyne lists without a usable username. */
	name: string | null;
	since: number;
}

export class ModelProfile {
	/** Newest first. */
	private list: Follower[] = [];
	/** Every follow and unfollow, by username, for the oracle. */
	readonly follows = new Map<string, number[]>();
	readonly unfollows = new Map<string, number[]>();
	private nextId = 0;

	constructor(initial: number, namelessEvery: number, at: number) {
		for (let i = 0; i < initial; i++) this.follow(at - (initial - i) * 1000, namelessEvery);
	}

	private newName(): string {
		return `user${this.nextId++}`;
	}

	follow(at: number, namelessEvery = 0): void {
		const nameless = namelessEvery > 0 && this.nextId % namelessEvery === namelessEvery - 1;
		const name = this.newName();
		this.list.unshift({ name: nameless ? null : name, since: at });
		if (!nameless) this.record(this.follows, name, at);
	}

	/** Removes the follower at `index` (of the current list, wrapped), if any. */
	unfollow(index: number, at: number): string | null | undefined {
		if (this.list.length === 0) return undefined;
		const [gone] = this.list.splice(index % this.list.length, 1);
		if (gone.name) this.record(this.unfollows, gone.name, at);
		return gone.name;
	}

	/** An account Nyne lists without a username. */
	followNameless(at: number): void {
		this.list.unshift({ name: null, since: at });
	}

	refollow(name: string, at: number): void {
		if (this.list.some((f) => f.name === name)) return;
		this.list.unshift({ name, since: at });
		this.record(this.follows, name, at);
	}

	private record(book: Map<string, number[]>, name: string, at: number): void {
		const times = book.get(name) ?? [];
		times.push(at);
		book.set(name, times);
	}

	/** The list now, newest first. */
	snapshot(): Follower[] {
		return this.list.map((f) => ({ ...f }));
	}

	isFollowing(name: string): boolean {
		return this.list.some((f) => f.name === name);
	}
}
