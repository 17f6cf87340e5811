import { CREDITS_PER_LOOKUP } from './constants.js';
import { FAILED_WITHOUT_REASON } from './errorMessages.js';
import { lookupFailure, type NyneApiError } from './errors.js';
import { toInteractionItems } from './interactionItems.js';
import type { InteractionItem, InteractionTarget, LookupStatus, RequestState } from './types.js';

/** A lookup's own fields, in the API's names; what a product shows beside (or instead of) the people. */
export interface LookupSummary {
	request_id: string;
	status: RequestState;
	interaction_type: string | null;
	platform: string | null;
	created_on: string | null;
	completed_on?: string;
	callback_url?: string;
	/** Once completed: whose followers, following or replies these are. */
	target?: InteractionTarget;
	/** Once completed: people in this result. */
	result_count?: number;
	/** Once completed: people Nyne found. */
	total_count?: number;
	/** Once failed: Nyne's own reason. */
	error?: string;
	/** Once completed: people Nyne listed without a usable username, left out of the people. */
	dropped_count?: number;
	/** Once completed or failed: credits the lookup was charged (CREDITS_PER_LOOKUP when it found data; 0 when not, or when reused). */
	credits?: number;
	/** Set when this result was reused from an identical lookup already paid for: that lookup's request ID. */
	reused_from?: string;
}

/** One lookup as every use case returns it, and as every adapter maps it. */
export interface LookupView {
	summary: LookupSummary;
	/** One flat object per person (see toInteractionItems); empty until the lookup has completed. */
	people: InteractionItem[];
	/** People Nyne listed that could not be read (no username), left out of `people`. */
	dropped: number;
	/** Set when the lookup failed: the one `lookup_failed` error, in the words both products show. */
	failure?: NyneApiError;
}

/** The view of whatever is known about a lookup: a status read, a waited-for outcome, a callback or a fresh submit. */
export function toLookupView(
	status: LookupStatus,
	extra: { callbackUrl?: string } = {},
): LookupView {
	const result = status.status === 'completed' ? status.result : undefined;
	const people = result ? toInteractionItems(result, status) : [];
	const summary: LookupSummary = {
		request_id: status.request_id,
		status: status.status,
		interaction_type: status.interaction_type || result?.interaction_type || null,
		platform: status.platform || result?.source_platform || null,
		created_on: status.created_on ?? null,
	};
	if (status.completed_on) summary.completed_on = status.completed_on;
	if (extra.callbackUrl) summary.callback_url = extra.callbackUrl;
	if (status.status === 'completed') {
		summary.target = result?.target ?? { username: '' };
		summary.result_count = status.result_count ?? people.length;
		summary.total_count = result?.total_count ?? people.length;
		summary.dropped_count = result?.dropped_count ?? 0;
		summary.credits = CREDITS_PER_LOOKUP;
	}
	const view: LookupView = { summary, people, dropped: result?.dropped_count ?? 0 };
	if (status.status === 'failed') {
		summary.error = status.error || FAILED_WITHOUT_REASON;
		summary.credits = 0;
		view.failure = lookupFailure(status.request_id, summary.error);
	}
	return view;
}
