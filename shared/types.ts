import type { InteractionType, Platform } from './interactionTypes.js';

export type { InteractionType, Platform } from './interactionTypes.js';
export type RequestState = 'queued' | 'processing' | 'pending' | 'completed' | 'failed';
export type Relation = 'follower' | 'following';

export interface ParsedSocialUrl {
	platform: Platform;
	kind: 'profile' | 'post';
	username?: string;
	postId?: string;
	canonicalUrl: string;
}

export interface InteractionRequestInput {
	type: string;
	socialMediaUrl: string;
	/** A whole number, or its decimal digits as text (what a form or an expression hands over). */
	maxResults?: number | string;
	callbackUrl?: string;
}

/** Only buildInteractionRequest and withCallbackUrl (shared/interactionRequest.ts) make an InteractionRequestBody. */
declare const CHECKED: unique symbol;

/**
 * A lookup's exact POST body, checked: made only by buildInteractionRequest (and withCallbackUrl), so whatever
 * takes one (submit, startLookup, reuse, a watch) sends or reads it as it is, never checks it again.
 */
export type InteractionRequestBody = {
	readonly type: InteractionType;
	readonly social_media_url: string;
	readonly max_results?: number;
	readonly callback_url?: string;
} & { readonly [CHECKED]: true };

export interface InteractionPerson {
	username: string;
	display_name?: string;
	profile_url?: string;
	bio?: string;
	followers_count?: number;
	following_count?: number;
	verified?: boolean;
	reply_text?: string;
	reply_date?: string;
	likes_count?: number;
	retweets_count?: number;
	relation?: Relation;
	[extra: string]: unknown;
}

export interface InteractionTarget {
	username: string;
	display_name?: string;
	profile_url?: string;
	[extra: string]: unknown;
}

export interface InteractionResult {
	interaction_type: string;
	source_platform: string;
	target: InteractionTarget;
	interactions: InteractionPerson[];
	total_count: number;
	/** People in the answer that were left out: no usable identity (such as `username: null`), or beyond what is read. */
	dropped_count?: number;
	[extra: string]: unknown;
}

/**
 * A lookup as Nyne describes it (the answer to a submit, a status read, a callback), parsed, in the API's
 * own field names; the one shape every layer above the client reads.
 */
export interface LookupStatus {
	request_id: string;
	status: RequestState;
	interaction_type?: string;
	platform?: string;
	created_on?: string;
	completed_on?: string;
	/** Once completed: the people with a usable identity (see toInteractionResult). */
	result?: InteractionResult;
	/** Once completed: people in this result. */
	result_count?: number;
	/** Once failed: Nyne's reason, without the credential's secrets. */
	error?: string;
}

/** A lookup that completed: always with its result (empty when Nyne sent none) and its count. */
export type CompletedLookup = LookupStatus & {
	status: 'completed';
	result: InteractionResult;
	result_count: number;
};

/** A lookup that failed: always with a reason. */
export type FailedLookup = LookupStatus & { status: 'failed'; error: string };

/** What `waitForResult` and a callback give: a lookup that will not change any more. */
export type FinishedLookup = CompletedLookup | FailedLookup;

export interface Usage {
	[field: string]: unknown;
}

export interface InteractionItem extends InteractionPerson {
	request_id: string;
	platform: string;
	interaction_type: string;
	target_username: string;
}
