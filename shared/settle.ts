/**
 * What a call gave, or what it threw (at once or later), as a value. The core decides what a failure means
 * outside catch clauses: n8n's community lint wants every throw inside a catch clause to be an n8n error class,
 * which the core, free of n8n, cannot use (the nodes map its errors to NodeApiError).
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(call: () => Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await call() };
	} catch (error) {
		return { ok: false, error };
	}
}
