import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixed, table } from './format';
import { sized } from './mode';

const ROOT = join(__dirname, '..');
const ZAPIER = join(ROOT, 'zapier');
/** The built app as Zapier loads it: zapier/package.json's main (one bundled file). */
const ZAPIER_ENTRY = join(
	ZAPIER,
	(JSON.parse(readFileSync(join(ZAPIER, 'package.json'), 'utf8')) as { main: string }).main,
);
const CORE = 'zapier-platform-core';

/** Issue 12: the app may add at most this much to `require('zapier-platform-core')` alone. */
export const APP_REQUIRE_BUDGET_MS = 60;
const RUNS = sized(11, 3);

function newestSource(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return path.endsWith('.ts') ? stat.mtimeMs : 0;
	return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

/** Builds zapier/dist when it is missing or older than a source it compiles; a reason when that fails. */
function ensureBuilt(): string | undefined {
	const sources = Math.max(
		newestSource(join(ZAPIER, 'src')),
		newestSource(join(ROOT, 'shared')),
		statSync(join(ZAPIER, 'tsconfig.json')).mtimeMs,
	);
	if (existsSync(ZAPIER_ENTRY) && statSync(ZAPIER_ENTRY).mtimeMs >= sources) return undefined;
	const build = spawnSync('npm', ['run', 'build', '--prefix', ZAPIER], { encoding: 'utf8' });
	if (build.status === 0) return undefined;
	const detail = `${build.stdout}\n${build.stderr}`.split('\n').find((line) => /error/i.test(line));
	return `npm run build --prefix zapier failed: ${detail?.trim() ?? `exit ${build.status}`}`;
}

/** Milliseconds inside a fresh Node process around one `require` (process start-up not counted). */
function coldRequireMs(specifier: string): number {
	const script =
		`const t=process.hrtime.bigint();require(${JSON.stringify(specifier)});` +
		`process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const run = spawnSync(process.execPath, ['-e', script], { cwd: ZAPIER, encoding: 'utf8' });
	if (run.status !== 0)
		throw new Error(
			`require(${specifier}) failed: ${run.stderr.split('\n').find((line) => line.trim()) ?? ''}`,
		);
	return Number(run.stdout);
}

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const ms = (value: number): string => `${fixed(value, 0)} ms`;

/** The core alone and the built app (which loads the core), alternated in one run so both see the same machine. */
export async function zapierRequireBench(): Promise<string> {
	const unbuilt = ensureBuilt();
	if (unbuilt) throw new Error(unbuilt);
	const app = `./${relative(ZAPIER, ZAPIER_ENTRY)}`;
	const core: number[] = [];
	const whole: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		core.push(coldRequireMs(CORE));
		whole.push(coldRequireMs(app));
	}
	const difference = median(whole) - median(core);
	const verdict =
		difference > APP_REQUIRE_BUDGET_MS
			? `OVER the ${APP_REQUIRE_BUDGET_MS} ms budget`
			: `within the ${APP_REQUIRE_BUDGET_MS} ms budget`;
	const spread = (values: number[]) =>
		`min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}`;
	return [
		`Median of ${RUNS} fresh Node processes each, alternating; time inside the process around the require.`,
		'',
		table([
			['require', 'median', 'detail'],
			[`'${CORE}' alone`, ms(median(core)), spread(core)],
			[`the app (${app} from zapier/, with the core)`, ms(median(whole)), spread(whole)],
			['the app minus the core', ms(difference), verdict],
		]),
	].join('\n');
}
