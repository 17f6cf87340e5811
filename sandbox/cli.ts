import { startSandbox, type ApiEdition } from './index';

function flag(name: string): string | undefined {
	const args = process.argv.slice(2);
	const inline = args.find((a) => a.startsWith(`--${name}=`));
	if (inline) return inline.slice(name.length + 3);
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : undefined;
}

function numberSetting(name: string, env: string, fallback: number): number {
	const raw = flag(name) ?? process.env[env];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) {
		console.error(`--${name} (${env}) must be a non-negative number, got "${raw}"`);
		process.exit(2);
	}
	return value;
}

function walkthrough(
	url: string,
	key: string,
	secret: string,
	jobMs: number,
	timeScale: number,
): string {
	const auth = `-H 'X-API-Key: ${key}' -H 'X-API-Secret: ${secret}'`;
	const wait = Math.max(1, Math.ceil((jobMs * timeScale) / 1000));
	return [
		'# 1. submit a lookup (answers 202 with a request_id)',
		`curl -s -X POST ${url}/person/interactions ${auth} -H 'Content-Type: application/json' \\`,
		`  -d '{"type":"followers","social_media_url":"https://twitter.com/elonmusk","max_results":10}'`,
		'',
		`# 2. poll it (queued -> processing -> completed after about ${wait} s)`,
		`curl -s "${url}/person/interactions?request_id=REQUEST_ID" ${auth}`,
		'',
		'# 3. credits and requests so far',
		`curl -s ${url}/usage ${auth}`,
		'',
		'# with a callback: start a listener, then add "callback_url":"http://127.0.0.1:9999/hook" to the body of step 1',
		`node -e "require('http').createServer((q,s)=>{let b='';q.on('data',c=>b+=c);q.on('end',()=>{console.log(b);s.end('ok')})}).listen(9999)"`,
		'',
		`# sandbox control (from this machine, never a browser; POST bodies as Content-Type: application/json):`,
		`#   ${url}/__sandbox/stats, /__sandbox/callbacks, POST /__sandbox/faults {"kind":"rate_limit"}, POST /__sandbox/reset`,
	].join('\n');
}

async function main(): Promise<void> {
	const port = numberSetting('port', 'NYNE_SANDBOX_PORT', 8787);
	const timeScale = numberSetting('time-scale', 'NYNE_SANDBOX_TIME_SCALE', 1) || 1;
	const jobDurationMs = numberSetting('job-ms', 'NYNE_SANDBOX_JOB_MS', 20_000);
	const apiEdition = (flag('api-edition') ??
		process.env.NYNE_SANDBOX_API_EDITION ??
		'current') as ApiEdition;
	if (apiEdition !== 'current' && apiEdition !== 'reference') {
		console.error(
			`--api-edition (NYNE_SANDBOX_API_EDITION) must be "current" or "reference", got "${String(apiEdition)}"`,
		);
		process.exit(2);
	}
	const sandbox = await startSandbox({
		port,
		timeScale,
		jobDurationMs,
		apiEdition,
		log: (line) => console.log(`${new Date().toISOString()} ${line}`),
	});
	console.log(
		`Nyne sandbox listening on ${sandbox.url} (time scale ${timeScale}, jobs take ${jobDurationMs} ms of API time, ${apiEdition} API edition)`,
	);
	console.log(`API key:    ${sandbox.apiKey}`);
	console.log(`API secret: ${sandbox.apiSecret}`);
	console.log(`Point the Nyne credential's base URL at ${sandbox.url}\n`);
	console.log(
		walkthrough(sandbox.url, sandbox.apiKey, sandbox.apiSecret, jobDurationMs, timeScale),
	);
	console.log('');
	const stop = (signal: string) => {
		console.log(`${signal}: stopping the sandbox`);
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
