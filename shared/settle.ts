/**
 * A promise's outcome as a value. The core decides what a failure means outside catch clauses: n8n's community
 * lint wants every throw inside a catch clause to be an n8n error class, which the core, free of n8n, cannot use
 * (the nodes map its errors to NodeApiError).
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}
