import type { IExecuteFunctions } from 'n8n-workflow';

import { NyneApiError } from '../../../shared';

/** What one attempt of a node run sent for an item: its outcome, or a submission whose fate is unknown. */
type SubmitRecord = { value: unknown } | { unknown: NyneApiError };

/**
 * n8n's Retry On Fail runs a node again with the same execute data (n8n-core 1.x and 2.x), so what one attempt
 * submitted is kept under that object, per item and request; a new execution or a new run of the node starts
 * afresh, and an execution's record goes with it (a WeakMap holds nothing alive). The request is part of the key
 * because an AI Agent below version 3 calls its tools through one execute data and item 0 for every call: only the
 * request tells its second question from a retry of the first.
 */
const sentByRun = new WeakMap<object, Map<string, SubmitRecord>>();

/**
 * Submits an item's lookup at most once per node run and request (`request` names what is sent, e.g. the body as
 * JSON): a later attempt gets the earlier outcome back instead of paying again, and a submission whose fate was
 * unknown fails again with the same error, never sent twice.
 */
export async function submitOnce<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	request: string,
	submit: () => Promise<T>,
): Promise<T> {
	const run = context.getExecuteData();
	let sent = sentByRun.get(run);
	if (!sent) {
		sent = new Map();
		sentByRun.set(run, sent);
	}
	const key = `${itemIndex} ${request}`;
	const earlier = sent.get(key);
	if (earlier) {
		if ('unknown' in earlier) throw earlier.unknown;
		return earlier.value as T;
	}
	const outcome = await submit().then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in outcome) {
		sent.set(key, { value: outcome.value });
		return outcome.value;
	}
	if (outcome.error instanceof NyneApiError && outcome.error.code === 'submission_unknown')
		sent.set(key, { unknown: outcome.error });
	throw outcome.error;
}
