import { z } from 'zod';

export const errorEnvelopeSchema = z.object({
	success: z.literal(false).optional(),
	error: z.object({ code: z.string(), message: z.string().optional() }).passthrough(),
});

export const successEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z.unknown(),
	timestamp: z.string().optional(),
});

export const requestStateSchema = z
	.string()
	.transform((state) =>
		state === 'queued' || state === 'processing' || state === 'pending' || state === 'completed' || state === 'failed'
			? state
			: ('pending' as const),
	);

export const interactionPersonSchema = z.object({ username: z.string().min(1) }).passthrough();

export const interactionTargetSchema = z.object({ username: z.string() }).passthrough();

export const interactionResultSchema = z
	.object({
		interaction_type: z.string().default(''),
		source_platform: z.string().default(''),
		target: interactionTargetSchema.default({ username: '' }),
		interactions: z.array(interactionPersonSchema),
		total_count: z.number().int().nonnegative().optional(),
	})
	.passthrough();

export const submitDataSchema = z
	.object({
		request_id: z.string().min(1),
		status: requestStateSchema.default('queued'),
		interaction_type: z.string().optional(),
		platform: z.string().optional(),
		created_on: z.string().optional(),
	})
	.passthrough();

export const requestStatusDataSchema = z
	.object({
		request_id: z.string().min(1),
		status: requestStateSchema,
		interaction_type: z.string().optional(),
		platform: z.string().optional(),
		result: interactionResultSchema.nullish(),
		result_count: z.number().int().nonnegative().nullish(),
		created_on: z.string().nullish(),
		completed_on: z.string().nullish(),
		error: z.string().nullish(),
	})
	.passthrough();

export const callbackPayloadSchema = z
	.object({
		request_id: z.string().min(1),
		status: z.string(),
		interaction_type: z.string().optional(),
		platform: z.string().optional(),
		data: interactionResultSchema.nullish(),
		result: interactionResultSchema.nullish(),
		result_count: z.number().int().nonnegative().nullish(),
		error: z.string().nullish(),
	})
	.passthrough();

export const usageDataSchema = z.record(z.unknown());

export const interactionRequestBodySchema = z.object({
	type: z.enum(['replies', 'followers', 'following', 'followers,following']),
	social_media_url: z.string().url(),
	max_results: z.number().int().min(1).max(1000).optional(),
	callback_url: z.string().url().optional(),
});
