export type Platform = 'twitter' | 'instagram';
export type InteractionType = 'replies' | 'followers' | 'following' | 'followers,following';
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

export interface InteractionRequestBody {
	type: InteractionType;
	social_media_url: string;
	max_results?: number;
	callback_url?: string;
}

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

export interface SubmittedRequest {
	requestId: string;
	status: RequestState;
	interactionType?: string;
	platform?: string;
	createdOn?: string;
}

export interface RequestStatus {
	requestId: string;
	status: RequestState;
	interactionType?: string;
	platform?: string;
	result?: InteractionResult;
	resultCount?: number;
	createdOn?: string;
	completedOn?: string;
	error?: string;
}

export interface CompletedLookup {
	status: 'completed';
	requestId: string;
	interactionType?: string;
	platform?: string;
	result: InteractionResult;
	resultCount: number;
}

export interface FailedLookup {
	status: 'failed';
	requestId: string;
	interactionType?: string;
	platform?: string;
	error: string;
}

export type LookupOutcome = CompletedLookup | FailedLookup;

export interface Usage {
	[field: string]: unknown;
}

export interface InteractionItem extends InteractionPerson {
	request_id: string;
	platform: string;
	interaction_type: string;
	target_username: string;
}
