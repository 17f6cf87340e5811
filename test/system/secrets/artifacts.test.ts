import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

import { DEFAULT_KEY } from '../../../sandbox';
import { CANARY_KEY, CANARY_SECRET } from '../../helpers/secrets/canary';

const ROOT = join(__dirname, '..', '..', '..');
/** The test canaries must appear nowhere; the sandbox's public demo pair may be documented (README) but never baked into code. */
const CANARIES = [CANARY_KEY.slice(9), CANARY_SECRET.slice(9)];
const SANDBOX_PAIR = [DEFAULT_KEY.apiKey, DEFAULT_KEY.apiSecret];
const CODE = /\.(?:[cm]?[jt]s|json)$/;

function forbiddenIn(file: string): string[] {
	return CODE.test(file) ? [...CANARIES, ...SANDBOX_PAIR] : CANARIES;
}

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name === 'node_modules' && !path.endsWith(join('.n8n', 'nodes', 'node_modules'))) return [];
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

function offenders(files: string[]): string[] {
	return files.flatMap((file) => {
		const text = readFileSync(file, 'latin1');
		return forbiddenIn(file)
			.filter((secret) => text.includes(secret))
			.map((secret) => `${relative(ROOT, file)}: ${secret.slice(0, 6)}…`);
	});
}

describe('secret hygiene: what ships and what the n8n e2e run leaves behind', () => {
	it('the shipped sources (credentials, nodes, shared core, Zapier app) hold no sandbox or test credentials', () => {
		const sources = ['credentials', 'nodes', 'shared', join('zapier', 'src')].flatMap((dir) =>
			filesUnder(join(ROOT, dir)),
		);
		expect(sources.length).toBeGreaterThan(20);
		expect(offenders(sources)).toEqual([]);
	});

	// On a fresh clone nothing is built yet and these lists are empty; after npm run build or the e2e setup they are not.
	it('built outputs that exist (dist/, zapier/dist/, the e2e pack and installed package) hold none either', () => {
		const built = [
			join(ROOT, 'dist'),
			join(ROOT, 'zapier', 'dist'),
			join(ROOT, '.n8n-e2e', 'prepared', '.n8n', 'nodes', 'node_modules', 'n8n-nodes-nyne'),
		].flatMap(filesUnder);
		const tarballs = filesUnder(join(ROOT, '.n8n-e2e', 'pack')).filter((file) =>
			file.endsWith('.tgz'),
		);
		const packedCode = tarballs.flatMap((tarball) =>
			execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
				.split('\n')
				.filter((entry) => CODE.test(entry))
				.map((entry) => ({
					entry,
					text: execFileSync('tar', ['-xzOf', tarball, entry], { maxBuffer: 64 << 20 }).toString(
						'latin1',
					),
				})),
		);
		expect(offenders(built)).toEqual([]);
		expect(
			packedCode
				.filter(({ text }) =>
					[...CANARIES, ...SANDBOX_PAIR].some((secret) => text.includes(secret)),
				)
				.map(({ entry }) => entry),
		).toEqual([]);
	});
});
