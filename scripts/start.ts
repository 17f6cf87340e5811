// `npm start`: the Nyne sandbox on 127.0.0.1:8787 and a local n8n (the newest pinned one; `npm start --
// --n8n 2.8.4` picks another) on 127.0.0.1:5678 with this package installed from its tarball (as a user
// installs it), a "Nyne sandbox" credential and the example workflows. State lives in
// ./.n8n-local/n8n-<version> (git-ignored); `npm start -- --reset` starts afresh.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/index';
import { installN8n } from './n8n/install-n8n.mjs';
import { installPackage } from './n8n/install-package.mjs';
import { runN8nCli, startN8nServer } from './n8n/n8n-process.mjs';
import { buildAndPack, REPO_ROOT } from './n8n/pack-package.mjs';
import { N8N_DEFAULT_VERSION } from './n8n/paths.mjs';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.NYNE_SANDBOX_PORT ?? 8787);
/** `--n8n 2.8.4` or `--n8n=2.8.4`; else the newest pinned n8n. */
function requestedN8nVersion(argv: string[]): string {
	const index = argv.findIndex((arg) => arg === '--n8n' || arg.startsWith('--n8n='));
	if (index === -1) return N8N_DEFAULT_VERSION;
	const value = argv[index].includes('=') ? argv[index].slice('--n8n='.length) : argv[index + 1];
	if (!value || !/^\d+\.\d+\.\d+$/.test(value))
		throw new Error('--n8n takes an n8n version, e.g. --n8n 2.8.4');
	return value;
}

const N8N_VERSION = requestedN8nVersion(process.argv.slice(2));
// One folder per version: a database migrated by a newer n8n cannot be opened by an older one.
const USER_FOLDER =
	process.env.NYNE_N8N_FOLDER ?? join(REPO_ROOT, '.n8n-local', `n8n-${N8N_VERSION}`);
const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const SEEDED_MARKER = join(USER_FOLDER, '.nyne-seeded');
const OWNER = {
	email: process.env.NYNE_DEMO_EMAIL ?? 'owner@nyne.local',
	password: process.env.NYNE_DEMO_PASSWORD ?? 'NyneDemo2026',
	firstName: 'Nyne',
	lastName: 'Demo',
};
const CREDENTIAL = { id: 'nyneSandboxCred01', name: 'Nyne sandbox' };
const ACTIVE_EXAMPLES = ['nyneExampleCrm01', 'nyneExReplyRecv1'];
const DEMO_PROFILE = 'nyne_ai';

const log = (line: string) => console.log(`[start] ${line}`);

function n8nEnv(): NodeJS.ProcessEnv {
	const base = `http://127.0.0.1:${N8N_PORT}`;
	return {
		...process.env,
		N8N_USER_FOLDER: USER_FOLDER,
		N8N_PORT: String(N8N_PORT),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `${base}/`,
		WEBHOOK_URL: `${base}/`,
		N8N_WEBHOOK_URL: `${base}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PYTHON_ENABLED: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE ?? 'UTC',
	};
}

async function ownerNeeded(base: string): Promise<boolean> {
	for (let attempt = 0; attempt < 60; attempt++) {
		try {
			const response = await fetch(`${base}/rest/settings`);
			if (response.ok) {
				const body = (await response.json()) as {
					data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
				};
				return body.data?.userManagement?.showSetupOnFirstLoad === true;
			}
		} catch {
			/* still starting */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('n8n did not answer /rest/settings');
}

async function setUpOwner(base: string): Promise<void> {
	const response = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok)
		throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
}

function seed(
	env: NodeJS.ProcessEnv,
	sandbox: { url: string; apiKey: string; apiSecret: string },
): void {
	const tmp = join(USER_FOLDER, '.seed');
	mkdirSync(tmp, { recursive: true });
	const credentialFile = join(tmp, 'credentials.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				...CREDENTIAL,
				type: 'nyneApi',
				data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
			},
		]),
	);
	runN8nCli(N8N_VERSION, ['import:credentials', `--input=${credentialFile}`], env);
	const workflows = readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.map(
			(file) =>
				// The replies pair's Callback URL names n8n's default address: point it at this one.
				JSON.parse(
					readFileSync(join(EXAMPLES_DIR, file), 'utf8').replaceAll(
						'http://127.0.0.1:5678/',
						`http://127.0.0.1:${N8N_PORT}/`,
					),
				) as { id: string; name: string },
		);
	const workflowFile = join(tmp, 'workflows.json');
	writeFileSync(workflowFile, JSON.stringify(workflows));
	runN8nCli(N8N_VERSION, ['import:workflow', `--input=${workflowFile}`], env);
	// n8n 1.x has no publish:workflow; update:workflow --active=true activates there.
	const activate = (id: string) =>
		N8N_VERSION.startsWith('1.')
			? ['update:workflow', `--id=${id}`, '--active=true']
			: ['publish:workflow', `--id=${id}`];
	for (const id of ACTIVE_EXAMPLES) runN8nCli(N8N_VERSION, activate(id), env);
	rmSync(tmp, { recursive: true, force: true });
	writeFileSync(SEEDED_MARKER, new Date().toISOString());
	log(`imported the credential "${CREDENTIAL.name}" and ${workflows.length} example workflows`);
}

async function main(): Promise<void> {
	if (process.argv.includes('--reset')) rmSync(USER_FOLDER, { recursive: true, force: true });
	mkdirSync(USER_FOLDER, { recursive: true });

	await installN8n(N8N_VERSION, log);
	log('building and packing n8n-nodes-nyne');
	const tarball = buildAndPack(join(USER_FOLDER, '.pack'));
	installPackage(USER_FOLDER, tarball);
	log(`installed ${tarball} into ${join(USER_FOLDER, '.n8n', 'nodes')}`);

	const sandbox = await startSandbox({ port: SANDBOX_PORT, timeScale: 0.25 });
	log(`Nyne sandbox on ${sandbox.url} (lookups finish in about 5 s)`);

	const env = n8nEnv();
	if (!existsSync(SEEDED_MARKER)) seed(env, sandbox);

	const base = `http://127.0.0.1:${N8N_PORT}`;
	const n8n = await startN8nServer(N8N_VERSION, env, base);
	if (await ownerNeeded(base)) {
		await setUpOwner(base);
		log('created the owner account');
	}

	// Keeps the CRM example alive: the demo profile gains a couple of followers every 90 s.
	const churn = setInterval(
		() => sandbox.control.churn('twitter', DEMO_PROFILE, { addFollowers: 2 }),
		90_000,
	);
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		clearInterval(churn);
		if (n8n.exitCode === null && n8n.signalCode === null) {
			const exited = new Promise((resolve) => n8n.once('exit', resolve));
			n8n.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
		}
		await sandbox.close();
		process.exit(code);
	};
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));
	n8n.once('exit', (code) => {
		if (stopping) return;
		log(`n8n exited (${code})`);
		void stop(code ?? 1);
	});

	console.log(
		[
			'',
			`  n8n ${N8N_VERSION} with the Nyne nodes:  ${base}`,
			`  login:                    ${OWNER.email} / ${OWNER.password}`,
			`  Nyne sandbox (fake API):  ${sandbox.url}  (credential "${CREDENTIAL.name}" points here)`,
			'  examples:                 "Nyne example: ..." workflows; the CRM one is active, polls every minute,',
			'                            the repliers one is active and receives what "start reply lookups" starts,',
			`                            and @${DEMO_PROFILE} gains 2 sandbox followers every 90 s`,
			'  stop with Ctrl-C',
			'',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
