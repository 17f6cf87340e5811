import type { IncomingMessage } from 'node:http';
import { authenticate, authorize } from './auth';
import type { SandboxCore } from './core';
import { fail, ok, type ApiAnswer } from './envelope';
import { CREDITS_PER_LOOKUP } from './jobs';
import { isSubmission, validateSubmission, type Target } from './validation';

export const API_ROUTES: Record<string, readonly string[]> = {
	'/person/interactions': ['GET', 'POST'],
	'/usage': ['GET'],
};

function targetKey(target: Target): string {
	return target.kind === 'post'
		? `${target.platform}:status:${target.postId}`
		: `${target.platform}:${(target.username ?? '').toLowerCase()}`;
}

function parseBody(text: string): Record<string, unknown> | undefined {
	if (text.trim() === '') return {};
	try {
		const value: unknown = JSON.parse(text);
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** One authenticated API call: auth, rate limit, authorization, then the endpoint. */
export function handleApi(
	core: SandboxCore,
	req: IncomingMessage,
	method: string,
	url: URL,
	bodyText: string,
): ApiAnswer {
	const auth = authenticate(req, url.searchParams, core.accounts.keys, core.edition);
	if (!auth.ok) return auth.answer;
	const account = core.accounts.get(auth.key.apiKey);
	const rate = account.limiter?.take();
	if (rate?.rejection) return rate.rejection;
	const headers = rate?.headers ?? {};
	account.requests += 1;
	const isInteractions = url.pathname === '/person/interactions';
	if (isInteractions) account.interactionRequests += 1;
	const answer = (() => {
		const denied = authorize(req, auth.key, isInteractions ? 'interactions' : 'usage');
		if (denied) return denied;
		if (!isInteractions) return ok(200, core.accounts.usage(account));
		return method === 'POST'
			? submit(core, auth.key.apiKey, bodyText)
			: lookup(core, auth.key.apiKey, url);
	})();
	return { ...answer, headers: { ...headers, ...answer.headers } };
}

function submit(core: SandboxCore, apiKey: string, bodyText: string): ApiAnswer {
	const body = parseBody(bodyText);
	if (!body)
		return fail(400, 'invalid_json', 'Request body contains invalid JSON: send a JSON object.');
	const submission = validateSubmission(body, core.edition);
	if (!isSubmission(submission)) return submission;
	const account = core.accounts.get(apiKey);
	if (core.accounts.creditsLeft(account) < CREDITS_PER_LOOKUP) {
		return fail(
			403,
			'insufficient_credits',
			`Not enough credits remaining: a lookup needs ${CREDITS_PER_LOOKUP}.`,
		);
	}
	const job = core.jobs.create(apiKey, submission);
	core.count('submissions');
	core.countKey('submissionsByTarget', targetKey(submission.target));
	return ok(202, core.jobs.accepted(job));
}

function lookup(core: SandboxCore, apiKey: string, url: URL): ApiAnswer {
	const requestId = url.searchParams.get('request_id');
	if (!requestId) return fail(400, 'missing_parameters', 'Missing required parameter: request_id.');
	const job = core.jobs.get(requestId);
	const notFound = fail(404, 'request_not_found', `Request ID not found: ${requestId}.`);
	if (!job) return notFound;
	if (job.apiKey !== apiKey)
		return fail(403, 'access_denied', 'This request ID belongs to another API key.');
	if (core.clock.apiElapsed(job.createdAt) < core.early404Ms) return notFound;
	return ok(200, core.jobs.view(job));
}
