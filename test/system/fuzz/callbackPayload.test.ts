import '../../helpers/fuzz/seed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { NyneValidationError, parseCallbackPayload, type FinishedLookup } from '../../../shared';

const text = fc.string({ minLength: 1, maxLength: 24 });
// Through JSON once, so values like -0 that JSON cannot carry do not make the object and its text differ.
const jsonSafe = fc
	.jsonValue({ maxDepth: 2 })
	.map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const extras = fc.dictionary(fc.stringMatching(/^x_[a-z_]{1,10}$/), jsonSafe, { maxKeys: 3 });

const person = fc
	.tuple(
		fc.record(
			{
				username: text,
				display_name: fc.string(),
				bio: fc.string(),
				followers_count: fc.nat(),
				verified: fc.boolean(),
				relation: fc.constantFrom('follower', 'following'),
				reply_text: fc.string(),
			},
			{ requiredKeys: ['username'] },
		),
		extras,
	)
	.map(([known, more]) => ({ ...more, ...known }));

const result = fc
	.tuple(
		fc.record(
			{
				interaction_type: fc.constantFrom(
					'replies',
					'followers',
					'following',
					'followers,following',
				),
				source_platform: fc.constantFrom('twitter', 'instagram'),
				target: fc.record({ username: fc.string({ maxLength: 15 }) }),
				interactions: fc.array(person, { maxLength: 8 }),
				total_count: fc.nat({ max: 10_000 }),
			},
			{ requiredKeys: ['interactions'] },
		),
		extras,
	)
	.map(([known, more]) => ({ ...more, ...known }));

const completedPayload = fc
	.tuple(
		fc.record(
			{
				request_id: text,
				interaction_type: fc.constantFrom(
					'replies',
					'followers',
					'following',
					'followers,following',
				),
				platform: fc.constantFrom('twitter', 'instagram'),
				result_count: fc.nat({ max: 10_000 }),
			},
			{ requiredKeys: ['request_id'] },
		),
		fc.constantFrom('data', 'result'),
		result,
		extras,
	)
	.map(([known, key, data, more]) => ({ ...more, ...known, status: 'completed', [key]: data }));

const failedPayload = fc
	.tuple(
		fc.record(
			{
				request_id: text,
				error: fc.option(fc.string(), { nil: null }),
				platform: fc.constantFrom('twitter', 'instagram'),
			},
			{ requiredKeys: ['request_id'] },
		),
		extras,
	)
	.map(([known, more]) => ({ ...more, ...known, status: 'failed' }));

const validPayload: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
	completedPayload,
	failedPayload,
);

const MUTABLE_PATHS = [
	['request_id'],
	['status'],
	['data'],
	['result'],
	['result_count'],
	['error'],
	['data', 'interactions'],
	['data', 'interactions', 0],
	['data', 'interactions', 0, 'username'],
	['data', 'target'],
	['data', 'total_count'],
	['result', 'interactions'],
	['result', 'interactions', 0, 'username'],
] as const;

const weird = fc.anything({
	withBigInt: true,
	withDate: true,
	withMap: true,
	withSet: true,
	withTypedArray: true,
	withSparseArray: true,
	withNullPrototype: true,
	withBoxedValues: true,
});

/** A valid payload with one field removed or replaced by anything at all. */
const mutatedPayload = fc
	.tuple(
		validPayload,
		fc.constantFrom(...MUTABLE_PATHS),
		fc.option(weird, { nil: undefined }),
		fc.boolean(),
	)
	.map(([payload, path, value, remove]) => {
		const copy = structuredClone(payload) as Record<string | number, unknown>;
		let node: Record<string | number, unknown> | undefined = copy;
		for (const key of path.slice(0, -1)) {
			const next: unknown = node?.[key];
			node =
				next !== null && typeof next === 'object'
					? (next as Record<string | number, unknown>)
					: undefined;
		}
		const last = path[path.length - 1] as string | number;
		if (node) {
			if (remove) delete node[last];
			else node[last] = value;
		}
		return copy;
	});

const malformedBody = fc.oneof(
	weird,
	fc.string({ unit: 'binary', maxLength: 80 }),
	fc.json({ maxDepth: 3 }),
	mutatedPayload,
	mutatedPayload.map((payload) =>
		JSON.stringify(payload, (_key, value: unknown) =>
			typeof value === 'bigint' ? String(value) : value,
		),
	),
);

function tryParse(body: unknown): FinishedLookup | undefined {
	try {
		return parseCallbackPayload(body);
	} catch (error) {
		if (error instanceof NyneValidationError && error.code === 'invalid_callback_payload')
			return undefined;
		throw error;
	}
}

function checkOutcomeShape(outcome: FinishedLookup): void {
	expect(typeof outcome.request_id).toBe('string');
	expect(outcome.request_id.length).toBeGreaterThan(0);
	if (outcome.status === 'failed') {
		expect(typeof outcome.error).toBe('string');
		expect(outcome.error.length).toBeGreaterThan(0);
		return;
	}
	expect(outcome.status).toBe('completed');
	expect(Number.isInteger(outcome.result_count) && outcome.result_count >= 0).toBe(true);
	expect(Array.isArray(outcome.result.interactions)).toBe(true);
	for (const entry of outcome.result.interactions)
		expect(typeof entry.username === 'string' && entry.username.length > 0).toBe(true);
}

describe('parseCallbackPayload under fuzzing', () => {
	it('valid callbacks round-trip, as objects and as JSON text', () => {
		fc.assert(
			fc.property(validPayload, (payload) => {
				const outcome = parseCallbackPayload(payload);
				expect(parseCallbackPayload(JSON.stringify(payload))).toEqual(outcome);
				checkOutcomeShape(outcome);
				expect(outcome.request_id).toBe(payload.request_id);
				expect(outcome.status).toBe(payload.status);
				if (outcome.status === 'completed') {
					const data = (payload.data ?? payload.result) as {
						interactions: unknown[];
						total_count?: number;
					};
					expect(outcome.result?.interactions).toEqual(data.interactions);
					expect(outcome.result?.total_count).toBe(data.total_count ?? data.interactions.length);
					expect(outcome.result_count).toBe(payload.result_count ?? data.interactions.length);
				} else if (outcome.status === 'failed') {
					expect(outcome.error).toBe(payload.error || 'The lookup failed without a reason.');
				}
			}),
			{ numRuns: 3_000 },
		);
	});

	it('malformed bodies: only NyneValidationError(invalid_callback_payload); anything accepted is well-formed', () => {
		let rejected = 0;
		fc.assert(
			fc.property(malformedBody, (body) => {
				const outcome = tryParse(body);
				if (outcome) checkOutcomeShape(outcome);
				else rejected += 1;
			}),
			{ numRuns: 7_000 },
		);
		expect(rejected).toBeGreaterThan(3_500);
	});
});
