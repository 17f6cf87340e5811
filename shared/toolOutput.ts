import type { LookupView } from './lookupView.js';
import type { InteractionItem } from './types.js';

/** About what an AI agent's model can take in one tool answer beside its conversation (~5,000 tokens). */
export const TOOL_OUTPUT_BUDGET_BYTES = 20_000;
const BIO_CHARS = 160;
const REPLY_CHARS = 280;

/** One person as an AI agent sees them: who they are, how big their audience is, and what they said. */
export interface ToolPerson {
	username: string;
	display_name?: string;
	profile_url?: string;
	followers_count?: number;
	verified?: boolean;
	relation?: string;
	bio?: string;
	reply_text?: string;
}

/** A lookup as an AI agent's tool answer: the summary, then as many people as fit the byte budget. */
export interface ToolOutput {
	request_id: string;
	status: string;
	interaction_type: string | null;
	platform: string | null;
	target_username?: string;
	result_count?: number;
	total_count?: number;
	dropped_count?: number;
	error?: string;
	credits?: number;
	reused_from?: string;
	people: ToolPerson[];
	/** People in the result left out to keep the answer within the budget. */
	people_omitted: number;
}

function clip(text: unknown, chars: number): string | undefined {
	if (typeof text !== 'string' || text === '') return undefined;
	return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function toToolPerson(item: InteractionItem): ToolPerson {
	const person: ToolPerson = { username: item.username };
	if (typeof item.display_name === 'string') person.display_name = item.display_name;
	if (typeof item.profile_url === 'string') person.profile_url = item.profile_url;
	if (typeof item.followers_count === 'number') person.followers_count = item.followers_count;
	if (typeof item.verified === 'boolean') person.verified = item.verified;
	if (item.relation) person.relation = item.relation;
	const bio = clip(item.bio, BIO_CHARS);
	if (bio) person.bio = bio;
	const reply = clip(item.reply_text, REPLY_CHARS);
	if (reply) person.reply_text = reply;
	return person;
}

const encoder = new TextEncoder();
const bytesOf = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/**
 * A lookup shaped for an LLM: its summary and each person's few most useful fields, in the result's order, with
 * people left out (and counted in `people_omitted`) once the answer as JSON would pass `budgetBytes`.
 */
export function toToolOutput(view: LookupView, budgetBytes = TOOL_OUTPUT_BUDGET_BYTES): ToolOutput {
	const { summary } = view;
	const output: ToolOutput = {
		request_id: summary.request_id,
		status: summary.status,
		interaction_type: summary.interaction_type,
		platform: summary.platform,
		people: [],
		people_omitted: 0,
	};
	if (summary.target) output.target_username = summary.target.username;
	if (summary.result_count !== undefined) output.result_count = summary.result_count;
	if (summary.total_count !== undefined) output.total_count = summary.total_count;
	if (summary.dropped_count !== undefined) output.dropped_count = summary.dropped_count;
	if (summary.error) output.error = summary.error;
	if (summary.credits !== undefined) output.credits = summary.credits;
	if (summary.reused_from) output.reused_from = summary.reused_from;
	// The omitted count is reserved at its widest, so the answer stays within budget whatever it ends up being.
	let used = bytesOf({ ...output, people_omitted: view.people.length });
	for (const item of view.people) {
		const person = toToolPerson(item);
		const cost = bytesOf(person) + (output.people.length > 0 ? 1 : 0);
		if (used + cost > budgetBytes) break;
		output.people.push(person);
		used += cost;
	}
	output.people_omitted = view.people.length - output.people.length;
	return output;
}
