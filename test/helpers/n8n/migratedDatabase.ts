// A new SQLite database takes n8n seconds to migrate (about 10 s for 2.41.1, most of it waiting on the disk), and
// every test instance starts with one. The first instance of each n8n version in a run migrates its own and keeps
// a copy; every later instance of that version starts from the copy, as if restored from a backup.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importWorkflow } from './n8nCli';
import type { N8nInstance } from './n8nEnv';
import { E2E_WORK_DIR } from './paths';

/** n8n's SQLite files with no process open: the database and its write-ahead log (SQLite rebuilds the -shm). */
const FILES = ['database.sqlite', 'database.sqlite-wal'];

function copyDatabase(from: string, to: string): void {
	mkdirSync(to, { recursive: true });
	for (const file of FILES)
		if (existsSync(join(from, file))) cpSync(join(from, file), join(to, file));
}

/** Gives a fresh instance a migrated database: the kept copy of its version's, or its own, migrated and kept. */
export async function startFromMigratedDatabase(instance: N8nInstance): Promise<void> {
	const kept = join(E2E_WORK_DIR, 'databases', instance.n8nVersion);
	const own = join(instance.userFolder, '.n8n');
	if (existsSync(join(kept, FILES[0]))) {
		copyDatabase(kept, own);
		return;
	}
	await importWorkflow(instance, []);
	const partial = `${kept}.${process.pid}`;
	copyDatabase(own, partial);
	try {
		renameSync(partial, kept);
	} catch {
		rmSync(partial, { recursive: true, force: true });
	}
}
