/// <reference lib="dom" />
// What a new user does in n8n's editor, in a real browser (Chromium via puppeteer-core) against `n8n start`
// with the package installed from its tarball and a credential pointing at an in-process sandbox: log in,
// find the Nyne node in the node picker and add it from its Get Followers action, fill the URL, run the
// step and see the people, paste a bad URL and read what to paste instead, test the credential, and read
// what the Follower Trigger's settings cost. One n8n and one browser per version, the steps in order; each
// step saves a screenshot in .cache/test-artifacts/browser/<version>/, and NYNE_UPDATE_SCREENSHOTS=1 copies
// the README's four from the newest pinned version into docs/.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { pinnedN8nVersion } from '../../../scripts/n8n/versions.mjs';
import {
	byTestId,
	elementContaining,
	clickTextUntil,
	clickUntil,
	elementWithText,
	fillText,
	importInEditor,
	launchEditorBrowser,
	nyneCredential,
	REPO_ROOT,
	setUpOwner,
	signIn,
	startN8n,
	textsOf,
	waitForText,
	waitForValue,
	type EditorBrowser,
	type N8nInstance,
	type Owner,
	type RunningN8n,
	until,
} from '../../helpers/n8n';
import { latest, n8n2, N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

/** The actions n8n lists for the Nyne node: each operation's `action` label, under its resource. */
const NYNE_ACTIONS = [
	'Get followers',
	'Get followers and following',
	'Get following',
	'Get replies',
	'Get a lookup by its request ID',
	'Get usage and credits left',
];

/** The README's screenshots, by the step that takes them. */
const README_SHOTS: Record<string, string> = {
	'04-nyne-actions': 'n8n-nyne-picker.png',
	'06-url-filled': 'n8n-nyne-node.png',
	'07-people-in-output': 'n8n-nyne-output.png',
	'08-canvas': 'n8n-workflow.png',
};

const PICKER_ITEM = byTestId('node-creator-item-name');
const SEARCH = byTestId('node-creator-search-bar');
const NDV = byTestId('ndv');
const OUTPUT = byTestId('output-panel');

function describeEditorJourney(target: N8nTarget): void {
	describe(`the editor journey in real n8n ${target.version} (Chromium)`, () => {
		const artifacts = join(REPO_ROOT, '.cache', 'test-artifacts', 'browser', target.version);
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n;
		let owner: Owner;
		let browser: EditorBrowser;

		beforeAll(async () => {
			rmSync(artifacts, { recursive: true, force: true });
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			server = await startN8n(n8n, { timeoutMs: 300_000 });
			owner = await setUpOwner(n8n);
			await importInEditor(n8n, await signIn(n8n, owner), {
				credentials: [nyneCredential(sandbox)],
			});
			browser = await launchEditorBrowser(artifacts);
		});
		afterAll(async () => {
			await browser?.close();
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		afterEach(async ({ task }) => {
			if (task.result?.state === 'fail' && browser)
				await browser.shot(`${task.name.slice(0, 2)}-failed`);
		});

		const page = () => browser.page;
		const step = async (name: string) => {
			await browser.shot(name);
			const docName = README_SHOTS[name];
			if (
				docName &&
				process.env.NYNE_UPDATE_SCREENSHOTS === '1' &&
				target.version === pinnedN8nVersion('latest')
			)
				copyFileSync(join(artifacts, `${name}.png`), join(REPO_ROOT, 'docs', docName));
		};

		/** Types a query into the node picker and waits (a while) for `wanted` to be listed; returns what is listed. */
		async function listedFor(query: string, wanted: string): Promise<string[]> {
			await fillText(page(), SEARCH, query, { leave: false });
			await elementWithText(page(), PICKER_ITEM, wanted, 20_000).catch(() => undefined);
			return await textsOf(page(), PICKER_ITEM);
		}

		/** The same, failing with what the picker lists when `wanted` is not among it. */
		async function search(query: string, wanted: string): Promise<string[]> {
			const listed = await listedFor(query, wanted);
			if (!listed.includes(wanted))
				throw new Error(
					`searching the node picker for "${query}" does not list "${wanted}"; it lists: ${JSON.stringify(listed)}`,
				);
			return listed;
		}

		async function openNyneFromPicker(): Promise<void> {
			await (await elementWithText(page(), PICKER_ITEM, 'Nyne')).click();
			await elementWithText(page(), PICKER_ITEM, NYNE_ACTIONS[0]);
		}

		it('01 the owner logs in', async () => {
			await page().goto(`${n8n.baseUrl}/signin`);
			await fillText(page(), 'input[type="email"]', owner.email);
			await fillText(page(), 'input[type="password"]', owner.password);
			await page().click(byTestId('form-submit-button'));
			await page().waitForFunction(() => !location.pathname.startsWith('/signin'));
			await step('01-logged-in');
		});

		it('02 on an empty canvas, the trigger picker lists Nyne; a Manual Trigger starts the workflow', async () => {
			await page().goto(`${n8n.baseUrl}/workflow/new`);
			await page().waitForSelector(byTestId('canvas-add-button'), { visible: true });
			await clickUntil(page(), byTestId('canvas-add-button'), SEARCH);
			const listed = await listedFor('Nyne', 'Nyne');
			await step('02-trigger-picker-nyne');
			await search('manual', 'Manual Trigger');
			await (await elementWithText(page(), PICKER_ITEM, 'Manual Trigger')).click();
			await page().waitForSelector(byTestId('canvas-handle-plus'), { visible: true });
			expect(listed, 'the trigger picker, searched for "Nyne"').toContain('Nyne');
		});

		it('03 after the Manual Trigger, searching "Nyne", "followers" or "twitter" lists the Nyne action node', async () => {
			await clickUntil(page(), byTestId('canvas-handle-plus'), SEARCH);
			for (const query of ['Nyne', 'followers', 'twitter'])
				expect(await search(query, 'Nyne')).toContain('Nyne Follower');
			await search('Nyne', 'Nyne');
			await step('03-picker-nyne');
		});

		it("04 opening Nyne lists its actions, as n8n lists its own nodes' operations", async () => {
			await openNyneFromPicker();
			const listed = await textsOf(page(), PICKER_ITEM);
			expect(listed).toEqual(expect.arrayContaining(NYNE_ACTIONS));
			await step('04-nyne-actions');
		});

		it('05 adding it from Get Followers opens the node on that operation, with the sandbox credential', async () => {
			await clickTextUntil(page(), PICKER_ITEM, 'Get followers', NDV);
			await waitForValue(page(), byTestId('parameter-input-operation'), 'Get Followers');
			await waitForValue(page(), byTestId('node-credentials-select'), 'Nyne sandbox');
			const parameters = await waitForText(page(), byTestId('node-parameters'), /Wait Mode/);
			// The hints under Max Results and Wait Mode, readable without opening anything.
			expect(parameters).toMatch(/below 10 counts as 10/);
			expect(parameters).toMatch(/Don't Wait returns the request ID at once/);
		});

		it('06 the URL goes in', async () => {
			await fillText(
				page(),
				`${byTestId('parameter-input-socialMediaUrl')} input`,
				'https://x.com/nyne_ai',
			);
			await step('06-url-filled');
		});

		it('07 executing the step shows the people in the output panel', async () => {
			await page().click(byTestId('node-execute-button'));
			const output = await waitForText(page(), OUTPUT, /100 items[\s\S]*display_name/);
			expect(output).toContain('nyne_ai');
			expect(sandbox.control.stats().submissions).toBe(1);
			await step('07-people-in-output');
		});

		it('08 on the canvas the node is subtitled in words', async () => {
			await page().click(byTestId('ndv-close-button'));
			await page().waitForSelector(NDV, { hidden: true });
			const canvas = await waitForText(page(), byTestId('canvas'), /Get Followers/);
			expect(canvas).not.toMatch(/getFollowers/);
			await step('08-canvas');
		});

		it('09 a URL that is not Twitter/X or Instagram fails with what to paste, and sends nothing', async () => {
			const node = await elementContaining(page(), byTestId('canvas-node'), 'Get followers');
			await node.click({ count: 2 });
			await page().waitForSelector(NDV, { visible: true });
			const before = sandbox.control.stats().submissions;
			await fillText(
				page(),
				`${byTestId('parameter-input-socialMediaUrl')} input`,
				'https://www.linkedin.com/in/nyne',
			);
			await page().click(byTestId('node-execute-button'));
			const error = await waitForText(
				page(),
				byTestId('node-error-message'),
				/Paste a Twitter\/X or Instagram URL such as https:\/\/x\.com\/name/,
			);
			expect(error).toContain('"www.linkedin.com" is not Twitter/X or Instagram');
			await waitForText(page(), byTestId('node-error-description'), /Nothing was sent to Nyne/);
			expect(sandbox.control.stats().submissions).toBe(before);
			await step('09-bad-url-error');
		});

		it('10 the credential says where its key and secret come from, and its test reaches Nyne', async () => {
			const usage = () => sandbox.control.stats().byEndpoint['GET /usage'] ?? 0;
			await page().click(byTestId('credential-edit-button'));
			const modal = byTestId('editCredential-modal');
			const form = await waitForText(page(), modal, /API Secret/);
			expect(form).toMatch(/Nyne dashboard at https:\/\/www\.nyne\.ai/);
			// n8n tests a saved credential as its form opens; Retry tests it again.
			await waitForText(page(), modal, /Connection tested successfully/);
			const tested = usage();
			await (await elementWithText(page(), `${modal} button`, 'Retry')).click();
			await until(() => usage() > tested, 'the credential test to call GET /usage');
			await waitForText(page(), modal, /Connection tested successfully/);
			await step('10-credential-tested');
			await page().keyboard.press('Escape');
			await page().waitForSelector(modal, { hidden: true });
		});

		it('11 the Follower Trigger says what its settings cost', async () => {
			await clickUntil(page(), byTestId('ndv-close-button'), NDV, { hidden: true });
			await clickUntil(page(), byTestId('node-creator-plus-button'), SEARCH);
			await search('Nyne Follower', 'Nyne Follower');
			await (await elementWithText(page(), PICKER_ITEM, 'Nyne Follower')).click();
			await clickTextUntil(page(), PICKER_ITEM, 'On new follower', NDV);
			const parameters = await waitForText(page(), byTestId('node-parameters'), /Max Results/);
			await step('11-follower-trigger-cost');
			expect(parameters).toMatch(/credits/i);
			expect(parameters).toMatch(/credits a day/i);
		});
	});
}

for (const target of N8N_TARGETS.filter((candidate) => [latest, n8n2].includes(candidate)))
	describeEditorJourney(target);
