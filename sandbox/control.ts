import type { SandboxCore } from './core';
import { fail, ok, type ApiAnswer } from './envelope';
import { clampJobDuration } from './jobs';
import type { ChurnChange, Fault, RandomFaultSpec, SandboxPlatform } from './types';

function parse(text: string): unknown {
	return text.trim() === '' ? undefined : JSON.parse(text);
}

/** The HTTP face of SandboxControl, for out-of-process users (n8n end-to-end tests, benchmarks). */
export function handleControl(
	core: SandboxCore,
	method: string,
	path: string,
	bodyText: string,
): ApiAnswer {
	const control = core.control;
	let body: unknown;
	try {
		body = parse(bodyText);
	} catch {
		return fail(400, 'invalid_json', 'Request body contains invalid JSON.');
	}
	try {
		const route = `${method} ${path}`;
		switch (route) {
			case 'POST /__sandbox/faults': {
				const faults = (Array.isArray(body) ? body : [body]) as Fault[];
				for (const fault of faults) control.injectFault(fault);
				return ok(200, { injected: faults.length });
			}
			case 'POST /__sandbox/random-faults':
				control.setRandomFaults((body ?? null) as RandomFaultSpec | null);
				return ok(200, { random: body ?? null });
			case 'POST /__sandbox/job-duration': {
				const ms = (body as { ms?: unknown } | undefined)?.ms;
				if (typeof ms !== 'number' || !(ms >= 0))
					return fail(400, 'missing_parameters', 'Send {"ms": <API milliseconds>}.');
				control.setJobDurationMs(ms);
				return ok(200, { ms: clampJobDuration(ms) });
			}
			case 'POST /__sandbox/churn': {
				const { platform, username, change, ...flat } = (body ?? {}) as {
					platform?: SandboxPlatform;
					username?: string;
					change?: ChurnChange;
				} & ChurnChange;
				if ((platform !== 'twitter' && platform !== 'instagram') || typeof username !== 'string') {
					return fail(
						400,
						'missing_parameters',
						'Send {"platform": "twitter"|"instagram", "username": "...", "addFollowers": n, ...}.',
					);
				}
				control.churn(platform, username, change ?? flat);
				return ok(200, { platform, username });
			}
			case 'GET /__sandbox/stats':
				return ok(200, control.stats());
			case 'GET /__sandbox/callbacks':
				return ok(200, control.callbacks());
			case 'POST /__sandbox/reset':
				control.reset();
				return ok(200, { reset: true });
			default:
				return fail(404, 'not_found', `No control endpoint ${route}.`);
		}
	} catch (error) {
		return fail(
			400,
			'invalid_control_request',
			error instanceof Error ? error.message : String(error),
		);
	}
}
