import { createRequire } from 'node:module';

import { OK_JSON, startLoopbackServer } from '../core/loopbackServer';
import { App, appCacheUrl } from './harness';

const requireFromApp = createRequire(new URL('../../../zapier/package.json', import.meta.url));
const createLambdaHandler = requireFromApp(
	'zapier-platform-core/src/tools/create-lambda-handler',
) as (app: object) => (event: object) => Promise<{ results: unknown }>;

/** A Zapier error as the platform reads it: z.errors.Error and ThrottledError carry JSON in `message`. */
export interface ZapierFailure {
	error: Error;
	name: string;
	message: string;
	code?: string;
	/** Seconds Zapier waits before running the step again (ThrottledError only). */
	delay?: number;
}

export function readFailure(error: unknown): ZapierFailure {
	const err = error instanceof Error ? error : new Error(String(error));
	let parsed: { message?: unknown; code?: unknown; delay?: unknown } = {};
	try {
		parsed = JSON.parse(err.message) as typeof parsed;
	} catch {
		// a plain message
	}
	return {
		error: err,
		name: err.name,
		message: typeof parsed.message === 'string' ? parsed.message : err.message,
		...(typeof parsed.code === 'string' ? { code: parsed.code } : {}),
		...(typeof parsed.delay === 'number' ? { delay: parsed.delay } : {}),
	};
}

export type StepEnding<T> =
	| { ok: true; value: T; throttles: ZapierFailure[] }
	| { ok: false; failure: ZapierFailure; throttles: ZapierFailure[] };

/**
 * Runs app methods the way Zapier does (the lambda handler createAppTester wraps), and keeps everything
 * the platform logged or printed for them: `customLogger` gets Zapier's log lines (http and z.console),
 * `logToStdout` makes it print them too (the test captures console).
 */
export function createZapRunner(options: { timeScale: number; maxReschedules: number }) {
	const handler = createLambdaHandler(App);
	const logged: string[] = [];
	const customLogger = (message: unknown, data: unknown) => {
		logged.push(String(message));
		try {
			logged.push(JSON.stringify(data));
		} catch {
			logged.push('unserializable log data');
		}
	};

	async function invoke(
		method: string,
		bundle: object,
		callbackUrl = 'https://auth-json-server.zapier-staging.com/echo',
	): Promise<unknown> {
		const event = {
			command: 'execute',
			method,
			bundle,
			callback_url: callbackUrl,
			// One z.cache for every step, as Zapier keeps one for the app, honouring scope and nx as Zapier does.
			rpc_base: await appCacheUrl(),
			logToStdout: true,
			detailedLogToStdout: true,
			customLogger,
		};
		return (await handler(event)).results;
	}

	/** One step: a ThrottledError makes Zapier run it again after its delay (scaled), up to maxReschedules times. */
	async function step<T>(
		method: string,
		bundle: object,
		callbackUrl?: string,
	): Promise<StepEnding<T>> {
		const throttles: ZapierFailure[] = [];
		for (;;) {
			try {
				return { ok: true, value: (await invoke(method, bundle, callbackUrl)) as T, throttles };
			} catch (error) {
				const failure = readFailure(error);
				if (failure.name !== 'ThrottledError' || throttles.length >= options.maxReschedules)
					return { ok: false, failure, throttles };
				throttles.push(failure);
				await sleep((failure.delay ?? 0) * 1000 * options.timeScale);
			}
		}
	}

	return { step, logged };
}

export const sleep = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms));

export interface Delivery {
	path: string;
	body: unknown;
}

export interface HookRecorder {
	url: string;
	/** Every body the hook accepted (200), duplicates included, in arrival order. */
	accepted: Delivery[];
	refused: number;
	close(): Promise<void>;
}

/** Stands in for Zapier's hook and callback URLs: keeps every accepted raw body; `refuseEvery` answers 500 to make Nyne retry. */
export async function startHookRecorder(refuseEvery = 0): Promise<HookRecorder> {
	let seen = 0;
	const server = await startLoopbackServer(({ path, query, body }) => {
		seen += 1;
		if (refuseEvery > 0 && seen % refuseEvery === 0) {
			recorder.refused += 1;
			return { status: 500 };
		}
		const search = new URLSearchParams(query).toString();
		recorder.accepted.push({ path: search ? `${path}?${search}` : path, body });
		return OK_JSON;
	});
	const recorder: HookRecorder = { url: server.url, accepted: [], refused: 0, close: server.close };
	return recorder;
}

/** Captures console output (where zapier-platform-core prints with logToStdout) until `restore`. */
export function captureConsole(): { lines: string[]; restore(): void } {
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const originals = methods.map((name) => console[name]);
	const lines: string[] = [];
	for (const name of methods) {
		console[name] = (...args: unknown[]) => {
			lines.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '));
		};
	}
	return {
		lines,
		restore() {
			methods.forEach((name, i) => {
				console[name] = originals[i] as (typeof console)[typeof name];
			});
		},
	};
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

interface CallbackLog {
	callbacks(): Array<{
		requestId: string;
		attempt: number;
		status?: number;
		error?: string;
		duplicate?: boolean;
	}>;
}

/**
 * Waits until the sandbox has delivered a callback for `expectedJobs` requests and every delivery chain
 * (first copy, duplicate copy, with their retries) has ended; throws at the deadline so the test stops by itself.
 */
export async function waitForCallbacksToSettle(
	control: CallbackLog,
	expectedJobs: () => number,
	deadlineMs = 20_000,
): Promise<void> {
	const until = Date.now() + deadlineMs;
	for (;;) {
		const chains = new Map<string, { attempt: number; status?: number; error?: string }>();
		for (const entry of control.callbacks()) {
			const key = `${entry.requestId}|${entry.duplicate ? 'copy' : 'first'}`;
			const last = chains.get(key);
			if (!last || entry.attempt >= last.attempt) chains.set(key, entry);
		}
		const firstChains = [...chains.keys()].filter((key) => key.endsWith('|first')).length;
		const open = [...chains.values()].filter((last) => {
			if (last.status !== undefined && last.status >= 200 && last.status < 300) return false;
			const answered = last.status !== undefined || last.error !== undefined;
			return !(answered && last.attempt >= 6);
		});
		if (firstChains >= expectedJobs() && open.length === 0) return;
		if (Date.now() > until)
			throw new Error(
				`callbacks did not settle: ${firstChains}/${expectedJobs()} jobs called back, ${open.length} deliveries open`,
			);
		await sleep(10);
	}
}
