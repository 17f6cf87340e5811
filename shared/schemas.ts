import { z } from 'zod';

import { MAX_RESULTS_LIMIT, REQUEST_ID_MAX_LENGTH } from './constants.js';
import { INTERACTION_TYPES } from './interactionTypes.js';

export const errorEnvelopeSchema = z.object({
	success: z.literal(false).optional(),
	error: z.object({ code: z.string(), message: z.string().optional() }).passthrough(),
});

export const successEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z.unknown(),
	timestamp: z.string().optional(),
});

/** What identifies a lookup: the only field besides `status` on which a status or callback is strict. */
export const requestIdSchema = z.string().min(1).max(REQUEST_ID_MAX_LENGTH);

export const requestStateSchema = z
	.string()
	.transform((state) =>
		state === 'queued' ||
		state === 'processing' ||
		state === 'pending' ||
		state === 'completed' ||
		state === 'failed'
			? state
			: ('pending' as const),
	);

/** Text the integration can do without: anything that is not text is read as absent. */
const optionalText = z.string().optional().catch(undefined);

/** A count sent as a number or as decimal digits; anything else is read as absent. */
export const lenientCountSchema = z
	.preprocess(
		(value) =>
			typeof value === 'string' && /^\s*[0-9]{1,9}\s*$/.test(value) ? Number(value) : value,
		z.number().int().nonnegative(),
	)
	.nullish()
	.catch(undefined);

export const interactionTargetSchema = z.object({ username: z.string().catch('') }).passthrough();

/**
 * Lenient on purpose: a completed lookup is paid for, so one odd person or count must not make the whole
 * result unreadable. People are checked one by one afterwards (see resultPeople.ts).
 */
export const interactionResultSchema = z
	.object({
		interaction_type: z.string().catch(''),
		source_platform: z.string().catch(''),
		target: interactionTargetSchema.catch({ username: '' }),
		interactions: z.array(z.unknown()).catch([]),
		total_count: lenientCountSchema,
	})
	.passthrough();

/** A result that is not an object at all reads as no result (a completed lookup with nobody in it). */
const lenientResultSchema = interactionResultSchema.nullish().catch(null);

export const submitDataSchema = z
	.object({
		request_id: requestIdSchema,
		status: requestStateSchema.catch('queued').default('queued'),
		interaction_type: optionalText,
		platform: optionalText,
		created_on: optionalText,
	})
	.passthrough();

export const requestStatusDataSchema = z
	.object({
		request_id: requestIdSchema,
		status: requestStateSchema,
		interaction_type: optionalText,
		platform: optionalText,
		result: lenientResultSchema,
		result_count: lenientCountSchema,
		created_on: optionalText,
		completed_on: optionalText,
		error: optionalText,
	})
	.passthrough();

export const callbackPayloadSchema = z
	.object({
		request_id: requestIdSchema,
		status: z.string(),
		interaction_type: optionalText,
		platform: optionalText,
		data: lenientResultSchema,
		result: lenientResultSchema,
		result_count: lenientCountSchema,
		error: optionalText,
	})
	.passthrough();

export const usageDataSchema = z.record(z.unknown());

export const interactionRequestBodySchema = z.object({
	type: z.enum(INTERACTION_TYPES),
	social_media_url: z.string().url(),
	max_results: z.number().int().min(1).max(MAX_RESULTS_LIMIT).optional(),
	callback_url: z.string().url().optional(),
});
