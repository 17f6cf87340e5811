import { machine } from './format';
import { failuresSoFar, noteFailure, QUICK } from './mode';
import { batchBench } from './batch';
import { callbackBatchBench } from './callbackBatch';
import { creditsBench } from './credits';
import { n8nBatchRow } from './n8nBatch';
import { n8nCallbackRow } from './n8nCallbackBatch';
import { n8nQueueRow } from './n8nQueueBatch';
import { overheadBench } from './overhead';
import { pollingBench } from './polling';
import { toolAnswerBench } from './toolAnswer';
import { triggerCreditsBench } from './triggerCredits';
import { zapierRequireBench } from './zapierRequire';

/** `npm run bench -- batch polling`: only the sections whose title contains one of the words (all without any). */
const wanted = process.argv
	.slice(2)
	.filter((word) => !word.startsWith('--'))
	.map((word) => word.toLowerCase());

async function section(title: string, run: () => Promise<string>): Promise<void> {
	if (wanted.length > 0 && !wanted.some((word) => title.toLowerCase().includes(word))) return;
	const started = Date.now();
	console.log(`\n## ${title}\n`);
	try {
		console.log(await run());
	} catch (error) {
		noteFailure(title);
		console.log(
			`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
		);
	}
	console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s real)`);
}

async function main(): Promise<void> {
	console.log(`# n8n-nodes-nyne benchmarks\n\n${machine()}`);
	console.log(
		'All traffic goes to a sandbox on 127.0.0.1 with scaled time; times below are API time unless marked real.',
	);
	if (QUICK)
		console.log(
			'QUICK RUN (--quick): small sizes to check that every section runs; not figures to quote.',
		);
	await section('Polling: polls per job and detection lag', pollingBench);
	await section('Batch under the rate limit', () => batchBench(n8nBatchRow, n8nQueueRow));
	await section('Batch by callback: one request per lookup', () =>
		callbackBatchBench(n8nCallbackRow),
	);
	await section('Overhead', overheadBench);
	await section('Zapier app cold require', zapierRequireBench);
	await section('AI agent tool answer size', toolAnswerBench);
	await section('Credits', creditsBench);
	await section('Credits a day of every trigger at its defaults', triggerCreditsBench);
	const failures = failuresSoFar();
	if (failures.length > 0) {
		console.log(`\nbench failed: ${failures.join('; ')}`);
		process.exit(1);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
