import { CREDITS_PER_LOOKUP, HOUR_MS } from './constants.js';
import { NyneValidationError } from './errors.js';
import type { Now } from './ports.js';

/** Lookups an AI tool may start in a rolling hour when its node does not say otherwise. */
export const DEFAULT_TOOL_LOOKUPS_PER_HOUR = 10;

/** How many tools' start times one process keeps (the oldest tool is forgotten first). */
const TOOLS_KEPT = 500;

/** Minutes until a time, in words ("in 1 minute", "in 42 minutes"); at least one. */
function inMinutes(ms: number): string {
	const minutes = Math.max(1, Math.ceil(ms / 60_000));
	return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** What a tool call beyond the hourly cap answers; nothing was sent. */
function hourlyCapReached(
	cap: number,
	freesAt: number,
	now: number,
	field: string,
): NyneValidationError {
	return new NyneValidationError(
		'budget_exceeded',
		`This tool has started its cap of ${cap} lookup${cap === 1 ? '' : 's'} in the last hour ` +
			`(${cap * CREDITS_PER_LOOKUP} credits at most), so this lookup was not sent. ` +
			`The next one is allowed ${inMinutes(freesAt - now)} (at ${new Date(freesAt).toISOString()}). ` +
			`Do not call this tool again before then; answer with what you have. Raise "${field}" on the Nyne tool node to allow more.`,
		field,
	);
}

/**
 * A spending bound that outlives one execution: per tool (the caller's key names the workflow, node and credential),
 * the lookups started in the last hour. Every MCP `tools/call` is an execution of its own, so a per-execution budget
 * alone would let a looping client pay for every call. Memory of one process: several queue-mode workers each keep
 * their own count.
 */
export class HourlyCap {
	private readonly started = new Map<string, number[]>();

	constructor(private readonly now: Now) {}

	/** Counts one lookup for `tool`, or throws `budget_exceeded` (counting nothing) when the cap is reached. */
	take(tool: string, cap: number, field: string): void {
		const now = this.now();
		const recent = (this.started.get(tool) ?? []).filter((at) => now - at < HOUR_MS);
		if (recent.length >= cap) {
			this.keep(tool, recent);
			throw hourlyCapReached(cap, (recent[recent.length - cap] ?? now) + HOUR_MS, now, field);
		}
		this.keep(tool, [...recent, now]);
	}

	private keep(tool: string, times: number[]): void {
		this.started.delete(tool);
		if (times.length > 0) this.started.set(tool, times);
		while (this.started.size > TOOLS_KEPT) {
			const oldest = this.started.keys().next().value;
			if (oldest === undefined) break;
			this.started.delete(oldest);
		}
	}
}
