// n8n in queue mode on one machine, as a self-hoster scales out: one main (editor, triggers, pollers), workers
// that run the executions, one webhook processor that takes production webhook and resume calls, Redis between
// them and Postgres for everything stored. Every process has its own user folder with the package installed
// (copied from the prepared folder, as on separate machines) and the same encryption key.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { n8nNodeRuntime } from '../../../scripts/n8n/node-runtime.mjs';
import { freePort } from './freePort';
import { n8nEnvironment, type N8nInstance } from './n8nEnv';
import { startN8n, startN8nProcess, type RunningN8n } from './n8nServer';
import { PREPARED_NODES_DIR } from './paths';
import {
	ensureQueueServices,
	startPostgres,
	startRedis,
	type Postgres,
	type Service,
} from './queueServices';

export interface QueueClusterOptions {
	n8nVersion: string;
	workers?: number;
	/** Executions a worker runs at once (`n8n worker --concurrency`). */
	concurrency?: number;
}

export interface QueueCluster {
	/** The main process's instance: the editor's REST calls (import, publish) go to it. */
	main: N8nInstance;
	/** Where production webhooks and resume URLs are served: the webhook processor. */
	webhookBaseUrl: string;
	postgres: Postgres;
	redis: Service;
	mainProcess(): RunningN8n;
	workerProcesses(): RunningN8n[];
	webhookProcess(): RunningN8n;
	/** Starts main, runs `onMain` (say, importing workflows over its REST API), then starts the workers and the webhook processor. */
	start(onMain?: () => Promise<void>): Promise<void>;
	/** Stops the main process and starts it again (workers and webhook processor keep running). */
	restartMain(): Promise<void>;
	stop(): Promise<void>;
}

interface ProcessSlot {
	instance: N8nInstance;
	running?: RunningN8n;
}

const QUEUE_LOG_LEVEL = 'info';

async function instanceFor(
	version: string,
	extraEnv: (folder: string) => NodeJS.ProcessEnv,
	base: NodeJS.ProcessEnv,
): Promise<N8nInstance> {
	const userFolder = mkdtempSync(join(tmpdir(), 'nyne-n8n-queue-'));
	cpSync(PREPARED_NODES_DIR, join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const port = await freePort();
	const brokerPort = await freePort();
	const runtime = n8nNodeRuntime(version);
	const env = {
		...n8nEnvironment(userFolder, port, brokerPort),
		...base,
		...extraEnv(userFolder),
		...runtime.env,
	};
	return {
		userFolder,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		env,
		n8nVersion: version,
		node: runtime.node,
		dispose: () => rmSync(userFolder, { recursive: true, force: true }),
	};
}

export async function createQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	ensureQueueServices();
	const redis = await startRedis();
	let postgres: Postgres;
	try {
		postgres = await startPostgres();
	} catch (error) {
		await redis.stop();
		throw error;
	}
	const webhookPort = await freePort();
	const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;
	const shared: NodeJS.ProcessEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// resume URLs ($execution.resumeUrl) and webhook URLs point at the webhook processor, as behind a load balancer
		WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_LOG_LEVEL: QUEUE_LOG_LEVEL,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
	const version = options.n8nVersion;
	const main: ProcessSlot = { instance: await instanceFor(version, () => ({}), shared) };
	const workers: ProcessSlot[] = [];
	for (let i = 0; i < (options.workers ?? 2); i++) {
		const healthPort = await freePort();
		const instance = await instanceFor(
			version,
			() => ({ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) }),
			shared,
		);
		workers.push({ instance: { ...instance, baseUrl: `http://127.0.0.1:${healthPort}` } });
	}
	const webhookInstance = await instanceFor(
		version,
		() => ({ N8N_PORT: String(webhookPort) }),
		shared,
	);
	const webhook: ProcessSlot = {
		instance: { ...webhookInstance, port: webhookPort, baseUrl: webhookBaseUrl },
	};
	const all = [main, ...workers, webhook];
	const concurrency = options.concurrency ?? 10;

	const startMain = async () => {
		main.running = await startN8n(main.instance);
	};
	const startWorker = async (slot: ProcessSlot) => {
		slot.running = await startN8nProcess(slot.instance, {
			args: ['worker', `--concurrency=${concurrency}`],
			healthUrl: `${slot.instance.baseUrl}/healthz`,
			ready: /n8n worker is now ready/,
		});
	};
	const startWebhook = async () => {
		webhook.running = await startN8nProcess(webhook.instance, {
			args: ['webhook'],
			healthUrl: `${webhookBaseUrl}/healthz`,
			ready: /Webhook listener waiting for requests/,
		});
	};
	const running = (slot: ProcessSlot): RunningN8n => {
		if (!slot.running) throw new Error('process not started');
		return slot.running;
	};

	return {
		main: main.instance,
		webhookBaseUrl,
		postgres,
		redis,
		mainProcess: () => running(main),
		workerProcesses: () => workers.map(running),
		webhookProcess: () => running(webhook),
		start: async (onMain) => {
			await startMain();
			await onMain?.();
			await Promise.all([...workers.map(startWorker), startWebhook()]);
		},
		restartMain: async () => {
			await main.running?.stop();
			main.running = undefined;
			await startMain();
		},
		stop: async () => {
			await Promise.all([webhook, ...workers].map((slot) => slot.running?.stop()));
			await main.running?.stop();
			await redis.stop();
			await postgres.stop();
			for (const slot of all) slot.instance.dispose();
		},
	};
}
