import type {
	IAllExecuteFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { NyneClient, normalizeBaseUrl } from '../../../shared';
import type { Transport, TransportRequest, TransportResponse } from '../../../shared';
import { getRuntime } from './runtime';

export { getRuntime } from './runtime';
export { submitOnce } from './submissions';
export type { NyneRuntime } from './runtime';

export const CREDENTIAL_NAME = 'nyneApi';

type NyneContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

interface NyneCredentials {
	apiKey: string;
	apiSecret: string;
	baseUrl?: string;
}

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

/** The socket-level code (ECONNREFUSED, ECONNRESET, ...) from n8n's wrapped error, so the core can tell "never sent" apart. */
function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function createTransport(context: NyneContext, signal?: AbortSignal): Transport {
	return async (request: TransportRequest): Promise<TransportResponse> => {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context as IAllExecuteFunctions,
				CREDENTIAL_NAME,
				{
					method: request.method as IHttpRequestMethods,
					url: request.url,
					headers: request.headers,
					...(request.body === undefined ? {} : { body: request.body as IDataObject }),
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					...(signal ? { abortSignal: signal } : {}),
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error) ?? 'ECONNRESET';
			throw Object.assign(new Error(`No answer from Nyne (${code})`), { code });
		}
		return {
			status: response.statusCode,
			headers: lowerCaseHeaders(response.headers),
			body: response.body,
		};
	};
}

/** A core client whose every HTTP call goes through n8n's authenticated request helper. */
export async function createNyneClient(
	context: NyneContext,
	signal?: AbortSignal,
): Promise<NyneClient> {
	const credentials = await context.getCredentials<NyneCredentials>(CREDENTIAL_NAME);
	const runtime = getRuntime();
	return new NyneClient({
		baseUrl: credentials.baseUrl,
		apiKey: credentials.apiKey,
		apiSecret: credentials.apiSecret,
		// the credential's `authenticate` sets X-API-Key / X-API-Secret (the client leaves them to the platform)
		transport: createTransport(context, signal),
		sleep: runtime.sleep,
		now: runtime.now,
		// a server's RateLimit headers describe its own windows: one limiter per server and key
		limiter: runtime.limiters.forKey(
			`${normalizeBaseUrl(credentials.baseUrl)} ${credentials.apiKey}`,
		),
	});
}
