import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixed, table } from './format';
import { noteFailure, QUICK, sized } from './mode';

const ROOT = join(__dirname, '..');
const ZAPIER = join(ROOT, 'zapier');

function bytesOf(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.size;
	return readdirSync(path).reduce((sum, name) => sum + bytesOf(join(path, name)), 0);
}

const kb = (bytes: number): string => `${fixed(bytes / 1024)} KB`;
const mb = (bytes: number): string => `${fixed(bytes / 1_048_576)} MB`;

function flatten(): string[] {
	const run = spawnSync(
		process.execPath,
		['--expose-gc', '--import', 'tsx', join(__dirname, 'flatten.ts')],
		{
			cwd: ROOT,
			encoding: 'utf8',
			maxBuffer: 1 << 20,
			env: { ...process.env, ...(QUICK ? { NYNE_BENCH_QUICK: '1' } : {}) },
		},
	);
	if (run.status !== 0) throw new Error(`flatten.ts failed: ${run.stderr.split('\n')[0]}`);
	const figures = JSON.parse(run.stdout) as {
		results: number;
		people: number;
		items: number;
		ms: number;
		heapMb: number;
	};
	return [
		`flatten ${figures.results} results x ${figures.people} people (toInteractionItems)`,
		`${fixed(figures.ms, 0)} ms`,
		`${figures.items.toLocaleString('en')} items, +${fixed(figures.heapMb, 0)} MB heap for the items (${fixed((figures.heapMb * 1_048_576) / figures.items, 0)} B/item)`,
	];
}

/** A quick run packs dist/ as it is, without the build (npm test builds it before the quick run). */
function n8nPack(): string[] {
	const label = `n8n package: npm pack --dry-run (${sized('runs npm run build', 'dist/ as built')})`;
	try {
		const args = ['pack', '--dry-run', '--json', '--silent', ...sized([], ['--ignore-scripts'])];
		const text = execFileSync('npm', args, {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 16 << 20,
		});
		const [pack] = JSON.parse(text.slice(text.search(/^\[\s*$/m))) as Array<{
			size: number;
			unpackedSize: number;
			entryCount: number;
		}>;
		return [label, kb(pack.size), `${kb(pack.unpackedSize)} unpacked, ${pack.entryCount} files`];
	} catch (error) {
		const detail =
			(error as { stderr?: string }).stderr?.split('\n').find((line) => /error/i.test(line)) ??
			String(error).slice(0, 120);
		noteFailure('npm pack --dry-run');
		return [label, 'n/a', `build or pack failed: ${detail.trim()}`];
	}
}

/** What `zapier push` would upload: the compiled app plus its production dependencies (uncompressed). */
function zapierBundle(): string[] {
	const label = 'zapier/ bundle: dist + production node_modules';
	if (!existsSync(join(ZAPIER, 'dist')) || !existsSync(join(ZAPIER, 'node_modules')))
		return [label, 'n/a', 'zapier/ not built or not installed'];
	const list = spawnSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], {
		cwd: ZAPIER,
		encoding: 'utf8',
	});
	const dirs = list.stdout.split('\n').filter((line) => line.trim() && line !== ZAPIER);
	const deps = dirs
		.filter(
			(dir) =>
				existsSync(dir) &&
				!dirs.some((other) => other !== dir && dir.startsWith(`${other}/node_modules/`)),
		)
		.reduce((sum, dir) => sum + bytesOf(dir), 0);
	const dist = bytesOf(join(ZAPIER, 'dist'));
	return [
		label,
		mb(dist + deps),
		`dist ${kb(dist)} + ${dirs.length} production packages ${mb(deps)}`,
	];
}

export async function overheadBench(): Promise<string> {
	return table([['what', 'figure', 'detail'], flatten(), n8nPack(), zapierBundle()]);
}
