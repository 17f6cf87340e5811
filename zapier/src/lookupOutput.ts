import {
	maskCallbackUrl,
	type InteractionTarget,
	type LookupView,
	type RequestState,
} from '../../shared/index.js';

import { capPeople, withPersonIds, type PersonItem } from './people.js';

/** What the create and search actions return: the lookup, and its people as line items. */
export type LookupOutput = {
	id: string;
	request_id: string;
	status: RequestState;
	interaction_type?: string;
	platform?: string;
	target?: InteractionTarget;
	/** People in `interactions` (after any cap). */
	count: number;
	/** People Nyne found. */
	total_count: number;
	/** True when `interactions` was cut to stay within Zapier's size limits. */
	truncated: boolean;
	/** People in Nyne's answer left out because they had no usable username. */
	dropped_count: number;
	interactions: PersonItem[];
	error?: string;
	created_on?: string;
	completed_on?: string;
	/** Once completed or failed: credits the lookup was charged (0 when it found nothing or was reused). */
	credits?: number;
	/** When the result was reused from a lookup already paid for: that lookup's request ID. */
	reused_from?: string;
};

/** What "Start Interaction Lookup" returns: the lookup Nyne accepted, before any result. */
export type StartedOutput = {
	id: string;
	request_id: string;
	status: RequestState;
	interaction_type: string | null;
	platform: string | null;
	social_media_url: string;
	callback_url: string | null;
	/** True when Nyne reports to this connection's "Interaction Lookup Completed" Zap. */
	reaches_instant_trigger: boolean;
	created_on: string | null;
	/** When an identical lookup already paid for was reused: its request ID (and 0 credits). */
	reused_from?: string;
	credits?: number;
};

export function toLookupOutput(view: LookupView): LookupOutput {
	const { summary } = view;
	const { people, truncated } = capPeople(withPersonIds(view.people));
	const output: LookupOutput = {
		id: summary.request_id,
		request_id: summary.request_id,
		status: summary.status,
		count: people.length,
		total_count: Math.max(summary.total_count ?? 0, summary.result_count ?? 0, view.people.length),
		truncated,
		dropped_count: view.dropped,
		interactions: people,
	};
	if (summary.interaction_type) output.interaction_type = summary.interaction_type;
	if (summary.platform) output.platform = summary.platform;
	if (summary.target) output.target = summary.target;
	if (summary.error) output.error = summary.error;
	if (summary.created_on) output.created_on = summary.created_on;
	if (summary.completed_on) output.completed_on = summary.completed_on;
	if (summary.credits !== undefined) output.credits = summary.credits;
	if (summary.reused_from) output.reused_from = summary.reused_from;
	return output;
}

export function toStartedOutput(
	view: LookupView,
	socialMediaUrl: string,
	reachesInstantTrigger = false,
): StartedOutput {
	const { summary } = view;
	return {
		id: summary.request_id,
		request_id: summary.request_id,
		status: summary.status,
		interaction_type: summary.interaction_type,
		platform: summary.platform,
		social_media_url: socialMediaUrl,
		// The instant Zap's hook URL is Zapier's secret for that Zap: it is not shown in this step's output.
		callback_url:
			summary.callback_url && !reachesInstantTrigger ? maskCallbackUrl(summary.callback_url) : null,
		reaches_instant_trigger: reachesInstantTrigger,
		created_on: summary.created_on,
		...(summary.reused_from ? { reused_from: summary.reused_from, credits: 0 } : {}),
	};
}
