// The example workflows that `npm start` imports: they import into the newest pinned n8n (here as its editor
// imports them), the digest runs to a digest, and the CRM workflow publishes and polls the sandbox.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	createN8nInstance,
	importInEditor,
	isPublished,
	nodeOutput,
	nyneCredential,
	ownerSession,
	publishInEditor,
	REPO_ROOT,
	runManually,
	startN8n,
	type ImportableWorkflow,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
} from '../../helpers/n8n';
import { latest, N8N_TARGETS } from '../../helpers/n8n/targets';
import { waitFor } from '../../helpers/sandbox/sandboxHttp';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ImportableWorkflow);
const byName = (fragment: string) => {
	const found = examples.find((example) => example.name.includes(fragment));
	if (!found) throw new Error(`no example named like "${fragment}"`);
	return found;
};

// Only where the newest pinned n8n is among the versions this run covers (npm test runs one version at a time).
describe.runIf(N8N_TARGETS.includes(latest))('example workflows', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let server: RunningN8n | undefined;
	let session: SessionHeaders;

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
		n8n = await createN8nInstance({ n8nVersion: latest.version });
		server = await startN8n(n8n);
		session = await ownerSession(n8n);
		await importInEditor(n8n, session, {
			credentials: [nyneCredential(sandbox)],
			workflows: examples,
		});
	});
	afterAll(async () => {
		await server?.stop();
		await sandbox?.close();
		n8n?.dispose();
	});

	it('there are the five examples, each using a Nyne node', () => {
		expect(examples).toHaveLength(5);
		for (const example of examples)
			expect(example.nodes.some((node) => node.type.startsWith('n8n-nodes-nyne.'))).toBe(true);
		expect(byName('AI agent').nodes.map((node) => node.type)).toContain('n8n-nodes-nyne.nyneTool');
	});

	it('the reply digest runs and ranks the repliers by likes', async () => {
		const run = await runManually(n8n, session, byName('digest'));
		expect(run.status, JSON.stringify(run.data.resultData.error)).toBe('success');
		const [digest] = nodeOutput(run.data, 'Write Digest');
		const [whole] = nodeOutput(run.data, 'Get Replies');
		const people = whole.interactions as Array<{ username: string; likes_count?: number }>;
		const top = [...people].sort((a, b) => (b.likes_count ?? 0) - (a.likes_count ?? 0)).slice(0, 5);
		expect(digest.replies).toBe(50);
		expect(digest.top_repliers).toEqual(top.map((p) => `@${p.username}`));
		const lines = String(digest.digest).split('\n');
		expect(lines[0]).toBe('Replies to @nyne_ai: 50');
		expect(lines).toHaveLength(6);
	});

	it('the CRM workflow publishes and its first poll starts a baseline lookup', async () => {
		const crm = byName('CRM');
		await publishInEditor(n8n, session, crm);
		expect(await isPublished(n8n, session, crm)).toBe(true);
		const baseline = () => sandbox.control.stats().submissionsByTarget['twitter:nyne_ai'];
		await waitFor(baseline, 'the first poll', 60_000);
		expect(sandbox.control.stats().submissionsByTarget['twitter:nyne_ai']).toBe(1);
	});
});
