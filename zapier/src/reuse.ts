import { defineInputField, type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import {
	CREDITS_PER_LOOKUP,
	REUSE_WINDOW_MS,
	findReusable,
	rememberPaid,
	type InteractionRequestBody,
	type LookupView,
	type NyneClient,
	type ReuseStore,
} from '../../shared/index.js';
import {
	deleteForConnection,
	getForConnection,
	setForConnection,
} from './cache/connectionCache.js';
import { connectionDigest, digest } from './cache/connectionKey.js';

const WINDOW_MINUTES = REUSE_WINDOW_MS / 60_000;

export const reuseRecentField = defineInputField({
	key: 'reuse_recent',
	label: 'Reuse a Recent Lookup',
	required: false,
	type: 'boolean',
	default: 'false',
	helpText:
		`When yes, a lookup identical to one this connection completed in the last ${WINDOW_MINUTES} minutes (same ` +
		`Interaction Type, Social Media URL and Max Results) returns that result for 0 credits instead of paying ${CREDITS_PER_LOOKUP} ` +
		'again; `reused_from` names the request. Nyne does not post a reused result to a callback again.',
});

export function wantsReuse(bundle: Bundle): boolean {
	const value: unknown = bundle.inputData.reuse_recent;
	return value === true || (typeof value === 'string' && /^(true|yes)$/i.test(value.trim()));
}

const recordSchema = zod.object({ requestId: zod.string().min(1), at: zod.number() });

/** The core's reuse records in z.cache, one connection's own (`scope: ['auth']`), under hashed keys. */
function zcacheStore(z: ZObject, bundle: Bundle): ReuseStore {
	const keyOf = (key: string) => `nyne-reuse:${connectionDigest(bundle)}:${digest(key)}`;
	return {
		get: async (key) => {
			const parsed = recordSchema.safeParse(await getForConnection(z, keyOf(key)));
			return parsed.success ? parsed.data : undefined;
		},
		set: async (key, record) => {
			await setForConnection(z, keyOf(key), record, Math.ceil(REUSE_WINDOW_MS / 1000));
		},
		delete: async (key) => {
			await deleteForConnection(z, keyOf(key));
		},
	};
}

/** The result of an identical lookup this connection completed within the window, when the step asks for reuse. */
export async function reusedLookup(
	z: ZObject,
	bundle: Bundle,
	client: NyneClient,
	body: InteractionRequestBody,
): Promise<LookupView | undefined> {
	if (!wantsReuse(bundle)) return undefined;
	return await findReusable(client, zcacheStore(z, bundle), body, { now: () => Date.now() });
}

/**
 * Records a completed lookup for later reuse; a record that cannot be written only costs a later reuse.
 * `requestOf` gives the step's checked request, asked for only when the step reuses.
 */
export async function rememberForReuse(
	z: ZObject,
	bundle: Bundle,
	view: LookupView,
	requestOf: () => InteractionRequestBody,
): Promise<void> {
	if (!wantsReuse(bundle)) return;
	try {
		await rememberPaid(zcacheStore(z, bundle), requestOf(), view, () => Date.now());
	} catch (error) {
		z.console.log(
			`Nyne: lookup ${view.summary.request_id} could not be kept for reuse (${error instanceof Error ? error.message : String(error)}).`,
		);
	}
}
