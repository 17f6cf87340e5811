export interface TransportRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: Record<string, string>;
	body?: unknown;
}

/** Header names are lower-case; `body` is parsed JSON when the answer was JSON, else the raw text. */
export interface TransportResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

/** Rejects only when no HTTP answer came back. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What a `Sleep` rejects with when its signal aborts: the signal's reason when it is an Error. */
export function abortReason(signal: AbortSignal | undefined): Error {
	return signal?.reason instanceof Error ? signal.reason : new Error('The operation was aborted');
}
export type Now = () => number;
