// Counts read from the sandbox log, one line per request: `POST /person/interactions -> 202 ... fault=...`.
const POSTS = 'POST /person/interactions';

/** POSTs whose job the sandbox made but whose answer the client never read (dropped, or cut JSON). */
export function unseenJobPosts(log: string[]): number {
	return log.filter(
		(line) =>
			line.startsWith(`${POSTS} -> `) &&
			(/dropped \(would be 202\)/.test(line) || / -> 202 .*fault=malformed_json/.test(line)),
	).length;
}

/** POST answers lost or torn, whether or not a job was made: the client cannot know if it submitted. */
export function unseenPosts(log: string[]): number {
	return log.filter(
		(line) => line.startsWith(POSTS) && /fault=(drop_connection|malformed_json)/.test(line),
	).length;
}
