import { NyneValidationError, parseCallbackPayload, type FinishedLookup } from '../../../shared';
import { startLoopbackServer } from '../core/loopbackServer';

export interface CallbackListener {
	url: string;
	/** First outcome per request ID, in arrival order. */
	outcomes: Map<string, FinishedLookup>;
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
	const server = await startLoopbackServer(({ text }) => {
		seen += 1;
		if (failEvery > 0 && seen % failEvery === 0) return { status: 500 };
		let outcome: FinishedLookup;
		try {
			outcome = parseCallbackPayload(text);
		} catch (error) {
			listener.rejected += 1;
			return { status: error instanceof NyneValidationError ? 400 : 500 };
		}
		const first = listener.outcomes.get(outcome.request_id);
		if (first) {
			listener.duplicates += 1;
			if (JSON.stringify(first) !== JSON.stringify(outcome))
				listener.conflicting.push(outcome.request_id);
		} else {
			listener.outcomes.set(outcome.request_id, outcome);
			listener.arrivals.push(outcome.request_id);
		}
		return { status: 200, body: '"ok"' };
	});
	const listener: CallbackListener = {
		url: `${server.url}/nyne-callback`,
		outcomes: new Map(),
		arrivals: [],
		duplicates: 0,
		conflicting: [],
		rejected: 0,
		close: server.close,
	};
	return listener;
}
