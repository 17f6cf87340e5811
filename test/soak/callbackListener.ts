import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NyneValidationError, parseCallbackPayload, type LookupOutcome } from '../../shared';

export interface CallbackListener {
	url: string;
	/** First outcome per request ID, in arrival order. */
	outcomes: Map<string, LookupOutcome>;
	arrivals: string[];
	duplicates: number;
	/** Copies whose content differed from the first copy (must stay 0). */
	conflicting: string[];
	rejected: number;
	close(): Promise<void>;
}

/** A loopback webhook that parses with parseCallbackPayload, keeps the first copy and counts the rest; `failEvery` answers 500 to force retries. */
export async function startCallbackListener(failEvery = 0): Promise<CallbackListener> {
	let seen = 0;
	const server = createServer((req, res) => {
		let text = '';
		req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		req.on('end', () => {
			seen += 1;
			if (failEvery > 0 && seen % failEvery === 0) return void res.writeHead(500).end();
			let outcome: LookupOutcome;
			try {
				outcome = parseCallbackPayload(text);
			} catch (error) {
				listener.rejected += 1;
				return void res.writeHead(error instanceof NyneValidationError ? 400 : 500).end();
			}
			const first = listener.outcomes.get(outcome.requestId);
			if (first) {
				listener.duplicates += 1;
				if (JSON.stringify(first) !== JSON.stringify(outcome)) listener.conflicting.push(outcome.requestId);
			} else {
				listener.outcomes.set(outcome.requestId, outcome);
				listener.arrivals.push(outcome.requestId);
			}
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const listener: CallbackListener = {
		url: `http://127.0.0.1:${port}/nyne-callback`,
		outcomes: new Map(),
		arrivals: [],
		duplicates: 0,
		conflicting: [],
		rejected: 0,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return listener;
}
