import { startLoopbackServer } from '../core/loopbackServer';

export interface CaughtCall {
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** A loopback listener standing in for n8n's /webhook-waiting endpoint: it records what Nyne posts. */
export async function startCallbackCatcher(): Promise<{
	url: string;
	calls: CaughtCall[];
	next(): Promise<CaughtCall>;
	close(): Promise<void>;
}> {
	const calls: CaughtCall[] = [];
	const waiters: Array<(call: CaughtCall) => void> = [];
	const server = await startLoopbackServer(({ path, query, body }) => {
		const call: CaughtCall = { path, query, body };
		calls.push(call);
		waiters.shift()?.(call);
		return { status: 200, body: '{"ok":true}' };
	});
	return {
		url: `${server.url}/webhook-waiting`,
		calls,
		next: async () =>
			calls.length > waiters.length
				? calls[calls.length - 1]
				: await new Promise<CaughtCall>((resolve) => waiters.push(resolve)),
		close: server.close,
	};
}
