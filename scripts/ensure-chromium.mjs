#!/usr/bin/env node
// Chromium for the browser suite: Debian's own package (`apt-get install -y chromium`, as root or through
// sudo) when it is missing. puppeteer-core drives it and downloads no browser of its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const found = () =>
	[process.env.NYNE_CHROMIUM, ...CANDIDATES].find((path) => path && existsSync(path));

/** The path of a Chromium binary, installed with apt-get first when there is none. */
export function ensureChromium(log = console.error) {
	const present = found();
	if (present) return present;
	log('installing chromium with apt-get (Debian package)');
	const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', 'chromium'],
	]) {
		const [command, ...rest] = [...sudo, 'apt-get', ...args];
		const run = spawnSync(command, rest, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (run.status !== 0)
			throw new Error(
				`apt-get ${args.join(' ')} failed (exit ${run.status}); install chromium by hand`,
			);
	}
	const installed = found();
	if (!installed) throw new Error('chromium still missing after apt-get install chromium');
	return installed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(ensureChromium());
