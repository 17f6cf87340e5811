import { CREDITS_PER_LOOKUP, HOUR_MS, MINUTE_MS } from '../shared';
import { adapterRun, type AdapterName, type WatchSettings } from '../test/helpers/watch/adapters';
import { ModelProfile } from '../test/helpers/watch/modelProfile';
import { VirtualNyne } from '../test/helpers/watch/virtualNyne';
import { fixed, table } from './format';
import { sized } from './mode';

const DAY_MS = 24 * HOUR_MS;
/** The first day makes the baseline; the days after it give the daily figure. */
const DAYS = sized(3, 2);

interface PollingTrigger {
	label: string;
	adapter: AdapterName;
	pollEveryMs: number;
	settings: Pick<WatchSettings, 'mode' | 'n8nEvent' | 'zapierKey' | 'url'>;
}

const PROFILE = 'https://x.com/acme';
const POST = 'https://x.com/acme/status/1234567890';

const POLLING: PollingTrigger[] = [
	...['newFollower', 'lostFollower', 'newFollowing', 'lostFollowing'].map(
		(event): PollingTrigger => ({
			label: `n8n Nyne Follower Trigger, Trigger On ${event}`,
			adapter: 'n8n',
			pollEveryMs: MINUTE_MS,
			settings: { mode: event.startsWith('lost') ? 'lost' : 'new', n8nEvent: event, url: PROFILE },
		}),
	),
	...(['new_follower', 'new_following', 'new_reply', 'lost_follower'] as const).map(
		(key): PollingTrigger => ({
			label: `Zapier ${key}`,
			adapter: 'zapier',
			pollEveryMs: MINUTE_MS,
			settings: {
				mode: key === 'lost_follower' ? 'lost' : 'new',
				zapierKey: key,
				url: key === 'new_reply' ? POST : PROFILE,
			},
		}),
	),
];

/** Lookups a trigger at its defaults starts over three days of polls, on the virtual Nyne's clock. */
async function lookupsPerDay(trigger: PollingTrigger): Promise<{ first: number; daily: number }> {
	let time = 1_800_000_000_000;
	const start = time;
	const nyne = new VirtualNyne(new ModelProfile(50, 0, time), () => time, 100);
	const watch = adapterRun(trigger.adapter, {
		...trigger.settings,
		maxResults: undefined,
		checkEveryHours: 24,
		defaults: true,
		transport: nyne.transport,
		now: () => time,
	});
	let firstDay = 0;
	for (; time < start + DAYS * DAY_MS; time += trigger.pollEveryMs) {
		await watch.poll();
		if (time < start + DAY_MS) firstDay = nyne.posts;
	}
	return { first: firstDay, daily: (nyne.posts - firstDay) / (DAYS - 1) };
}

/** Credits a day of every trigger in both products, as a new user leaves it (n8n polls every minute). */
export async function triggerCreditsBench(): Promise<string> {
	const rows: Array<Array<string | number>> = [
		['trigger at its defaults', 'lookups, first day', 'credits a day after', 'how'],
	];
	for (const trigger of POLLING) {
		const { first, daily } = await lookupsPerDay(trigger);
		rows.push([
			trigger.label,
			first,
			fixed(daily * CREDITS_PER_LOOKUP),
			`polled every ${trigger.pollEveryMs / MINUTE_MS} min for ${DAYS} days, Check Every (Hours) left at 24`,
		]);
	}
	rows.push(
		[
			'n8n Nyne Trigger',
			0,
			0,
			'starts no lookup: it receives the callbacks of lookups others start',
		],
		[
			'Zapier interaction_results (instant)',
			0,
			0,
			'starts no lookup: it receives the lookups Start Interaction Lookup starts',
		],
		['Zapier recent_lookup (dropdown)', 0, 0, 'lists recent lookups, never starts one'],
	);
	return table(rows);
}
