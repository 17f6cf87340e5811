import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { n8nNodeRuntime } from '../../../scripts/n8n/node-runtime.mjs';
import { freePort } from './freePort';
import { startFromMigratedDatabase } from './migratedDatabase';
import { N8N_VERSION, PREPARED_NODES_DIR } from './paths';

/** One n8n "installation" as a test file sees it: its own user folder, port and environment. */
export interface N8nInstance {
	userFolder: string;
	port: number;
	baseUrl: string;
	env: NodeJS.ProcessEnv;
	/** The cached n8n version this instance runs. */
	n8nVersion: string;
	/** The Node.js binary that runs it (a newer n8n needs a newer Node than this machine's). */
	node: string;
	/** Removes the user folder. */
	dispose(): void;
}

export const E2E_ENCRYPTION_KEY = 'nyne-e2e-fixed-encryption-key-0001';

/**
 * Environment for a headless, offline n8n bound to 127.0.0.1. Every name here was checked against
 * n8n 2.8.4's own config (there is no N8N_RUNNERS_ENABLED any more: the task broker always starts, so it
 * gets its own free port, else two n8n processes collide on 5679); 2.41 reads N8N_WEBHOOK_URL and
 * deprecates WEBHOOK_URL, so both are set.
 */
export function n8nEnvironment(
	userFolder: string,
	port: number,
	brokerPort: number,
): NodeJS.ProcessEnv {
	const base = `http://127.0.0.1:${port}`;
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		LANG: process.env.LANG,
		TZ: 'UTC',
		GENERIC_TIMEZONE: 'UTC',
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${base}/`,
		WEBHOOK_URL: `${base}/`,
		N8N_WEBHOOK_URL: `${base}/`,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PYTHON_ENABLED: 'false',
		// nothing may call out to the internet
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		// community packages: loaded from <user folder>/.n8n/nodes, never fetched
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_TYPE: 'sqlite',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	};
}

export interface N8nInstanceOptions {
	withPackage?: boolean;
	/** Run another cached n8n version (e.g. 1.123.x) instead of the newest pinned one. */
	n8nVersion?: string;
}

/** A fresh user folder with a migrated database, the package installed (copied from the folder ensure-n8n prepared) and a free port. */
export async function createN8nInstance(options: N8nInstanceOptions = {}): Promise<N8nInstance> {
	const userFolder = mkdtempSync(join(tmpdir(), 'nyne-n8n-'));
	if (options.withPackage !== false) {
		cpSync(PREPARED_NODES_DIR, join(userFolder, '.n8n', 'nodes'), { recursive: true });
	}
	const port = await freePort();
	const brokerPort = await freePort();
	const n8nVersion = options.n8nVersion ?? N8N_VERSION;
	const runtime = n8nNodeRuntime(n8nVersion);
	const instance: N8nInstance = {
		userFolder,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		env: { ...n8nEnvironment(userFolder, port, brokerPort), ...runtime.env },
		n8nVersion,
		node: runtime.node,
		dispose: () => rmSync(userFolder, { recursive: true, force: true }),
	};
	await startFromMigratedDatabase(instance);
	return instance;
}
