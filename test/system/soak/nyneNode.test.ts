// Fault soak through the Nyne node run by n8n-core's WorkflowExecute (the e2e soak's in-process sibling, on a
// scaled clock so it can take many more lookups): one execution of 100 items, Wait for Result, continue on fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { CANARY_KEY, CANARY_SECRET, everyRendering, leaksIn } from '../../helpers/secrets/canary';
import { directLookup, type DirectPerson } from '../../helpers/n8n/sandboxLookup';
import { soakJobDuration } from '../../helpers/soak/targets';
import { SOAK_FAULT_RATES } from '../../helpers/soak/faultProfile';
import { runNyne, type RunResult } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { checkSoakRun, twitterSoakLookups } from '../../helpers/soak/soakVerdict';

/** 100 keeps the unit suite quick; NYNE_SOAK_LOOKUPS=500 for a run by hand. */
const ITEMS = Math.max(20, Number(process.env.NYNE_SOAK_LOOKUPS ?? 100));
/** Real ms per API ms: a 45-s job takes 0.45 s, the 60/min window 0.6 s. */
const TIME_SCALE = 0.01;
const SEED = 20_261_128;
const lookups = twitterSoakLookups(ITEMS, {
	noDataEvery: 15,
	handle: (index, noData) => `${noData ? 'nodata_ns' : 'nsoak_'}${String(index).padStart(3, '0')}`,
	maxSpread: 120,
});

const log: string[] = [];
const env = useScaledSandbox(TIME_SCALE, {
	sandbox: {
		jobDurationMs: soakJobDuration,
		keys: [{ apiKey: CANARY_KEY, apiSecret: CANARY_SECRET }],
		log: (line) => log.push(line),
	},
});
/** A fault-free sandbox that says which people each lookup should give. */
let clean: Sandbox;

beforeAll(async () => {
	clean = await startSandbox({ timeScale: TIME_SCALE, jobDurationMs: 0, rateLimit: false });
});
afterAll(async () => {
	await clean?.close();
});

describe(`fault soak: ${ITEMS} lookups through the Nyne node in n8n-core, random faults`, () => {
	it('every input item ends with its full result or one error item with a code, and none is submitted twice', async () => {
		env.sandbox.control.setRandomFaults({ seed: SEED, rates: SOAK_FAULT_RATES });
		env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
		env.sandbox.control.injectFault({ kind: 'rate_limit', times: 5, retryAfterSeconds: 2 });
		const result: RunResult = await runNyne(
			{ apiKey: CANARY_KEY, apiSecret: CANARY_SECRET, baseUrl: env.sandbox.url },
			lookups.map(({ url, max }) => ({ url, max })),
			{
				parameters: {
					resource: 'interaction',
					operation: 'getFollowers',
					socialMediaUrl: '={{ $json.url }}',
					maxResults: '={{ $json.max }}',
					waitMode: 'poll',
					options: { output: 'split', timeout: 3600 },
				},
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		const stats = env.sandbox.control.stats();
		const expected = new Map<number, DirectPerson[]>(
			await Promise.all(
				lookups
					.filter((lookup) => !lookup.noData)
					.map(
						async (lookup) =>
							[
								lookup.index,
								await directLookup(clean, {
									type: 'followers',
									social_media_url: lookup.url,
									max_results: lookup.max,
								}),
							] as const,
					),
			),
		);
		const { early404s } = await checkSoakRun({
			name: 'node soak',
			lookups,
			items: result.output ?? [],
			stats,
			log,
			expectedPeople: (lookup) => expected.get(lookup.index) ?? [],
			gaveUpAtMost: Math.max(2, ITEMS * 0.02),
		});
		expect(stats.status5xx).toBeGreaterThan(0);
		expect(stats.status429).toBeGreaterThanOrEqual(5);
		expect(early404s).toBeGreaterThan(0);
		expect(log.some((line) => line.includes('fault=slow'))).toBe(true);
		expect(
			log.some((line) => line.startsWith('GET') && line.includes('fault=malformed_json')),
		).toBe(true);
		// Run with distinctive credentials: neither the run data, its errors, nor the sandbox log carries them.
		expect(
			leaksIn(
				[JSON.stringify(result.run), everyRendering(result.run.data.resultData), ...log].join('\n'),
			),
		).toEqual([]);
	});
});
