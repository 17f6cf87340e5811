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
export type Now = () => number;
