import { ensureN8n } from '../scripts/n8n/ensure-n8n.mjs';
import { isN8nInstalled } from '../scripts/n8n/install-n8n.mjs';
import { readerN8nVersion } from '../scripts/n8n/versions.mjs';
import { QUICK } from './mode';

/**
 * Why a row that runs a real n8n cannot run now, or undefined when it can. A full run installs what is missing
 * (minutes); a quick run installs nothing and runs the row only where `version` and the n8n the harness reads
 * databases with are installed, as they are in `npm test` once its end-to-end runs are done.
 */
export function n8nUnavailable(version: string): string | undefined {
	if (process.env.NYNE_BENCH_SKIP_N8N === '1') return 'skipped because NYNE_BENCH_SKIP_N8N=1.';
	if (!QUICK) return undefined;
	const missing = [version, readerN8nVersion()].filter(
		(wanted): wanted is string => wanted !== undefined && !isN8nInstalled(wanted),
	);
	return missing.length > 0
		? `quick run: n8n ${[...new Set(missing)].join(' and ')} not installed (a quick run installs nothing).`
		: undefined;
}

/**
 * The end-to-end harness, once `version` is installed and this package built and prepared for it (NYNE_E2E_SKIP_BUILD=1
 * reuses dist/; NYNE_E2E_PREPARED=1, as npm test sets it, reuses the prepared package). Imported only here: it loads
 * the installed n8n's own modules as it is imported.
 */
export async function loadN8nHarness(
	version: string,
): Promise<typeof import('../test/helpers/n8n')> {
	await ensureN8n({
		versions: [version],
		skipBuild: process.env.NYNE_E2E_SKIP_BUILD === '1',
		prepared: process.env.NYNE_E2E_PREPARED === '1',
		log: () => {},
	});
	return await import('../test/helpers/n8n');
}

export function firstLine(error: unknown): string {
	return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
