import type { ChurnChange, SandboxPlatform } from './types';
import { rngFrom } from './random';

export type Relation = 'follower' | 'following';

/** Most people one churn call adds or removes per relation; more would only stall the sandbox. */
export const MAX_CHURN_COUNT = 1_000;

function churnCount(value: number | undefined): number {
	return typeof value === 'number' && Number.isFinite(value)
		? Math.min(MAX_CHURN_COUNT, Math.max(0, Math.floor(value)))
		: 0;
}

export interface RelationChurn {
	added: number;
	removed: Set<string>;
	removals: number;
}

/** Per-profile changes to the follower/following sets made by control.churn(). */
export class ChurnBook {
	private readonly book = new Map<string, Record<Relation, RelationChurn>>();
	private readonly replies = new Map<string, number>();

	addReplies(postId: string, count: number): void {
		this.replies.set(
			postId,
			this.repliesAdded(postId) + Math.max(0, Math.min(1000, Math.floor(count))),
		);
	}

	repliesAdded(postId: string): number {
		return this.replies.get(postId) ?? 0;
	}

	get(platform: SandboxPlatform, username: string, relation: Relation): RelationChurn {
		const key = `${platform}:${username.toLowerCase()}`;
		let entry = this.book.get(key);
		if (!entry) {
			entry = {
				follower: { added: 0, removed: new Set(), removals: 0 },
				following: { added: 0, removed: new Set(), removals: 0 },
			};
			this.book.set(key, entry);
		}
		return entry[relation];
	}

	/**
	 * Added people go to the head of the list. Removed people are picked deterministically among the
	 * first 100 current entries, so a default-sized lookup sees them go.
	 */
	apply(
		platform: SandboxPlatform,
		username: string,
		change: ChurnChange,
		currentHead: (relation: Relation, limit: number) => string[],
	): void {
		const steps: Array<[Relation, number, number]> = [
			['follower', churnCount(change.addFollowers), churnCount(change.removeFollowers)],
			['following', churnCount(change.addFollowing), churnCount(change.removeFollowing)],
		];
		for (const [relation, add, remove] of steps) {
			const churn = this.get(platform, username, relation);
			churn.added += add;
			for (let i = 0; i < remove; i++) {
				const head = currentHead(relation, 100);
				if (head.length === 0) break;
				const rng = rngFrom(
					`${platform}|${username.toLowerCase()}|${relation}|remove|${churn.removals}`,
				);
				churn.removals += 1;
				churn.removed.add(head[Math.floor(rng() * head.length)]);
			}
		}
	}

	clear(): void {
		this.book.clear();
		this.replies.clear();
	}
}
