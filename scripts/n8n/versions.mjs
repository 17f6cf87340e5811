// Every n8n version this package is proven on, pinned here and nowhere else, with the Node.js major each
// needs beyond this machine's (it then comes from the npm package `node@<major>`; see test/README.md).
// 2.41.1 is the newest that installs from the registry here: 2.41.3 needs @n8n/agents@0.26.2, which it lacks.
// `env`: settings only that version knows (2.41 refuses unknown module names, 2.8 does not know this one):
// its mcp-registry module calls api.n8n.io at start-up; its publication service activates workflows in the
// background without a log line, so the suites use the activation at start-up it still has (and logs).
export const N8N_VERSIONS = [
	{
		key: 'latest',
		version: '2.41.1',
		nodeMajor: 24,
		env: { N8N_DISABLED_MODULES: 'mcp-registry', N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
	},
	{ key: 'n8n2', version: '2.8.4' },
	{ key: 'n8n1', version: '1.123.81' },
];

export const N8N_LATEST_VERSION = N8N_VERSIONS[0].version;

/** The pinned entry for a version, or an ad-hoc one (`npm start -- --n8n 2.9.0`) that runs on this machine's Node. */
export function n8nVersionInfo(version) {
	return N8N_VERSIONS.find((entry) => entry.version === version) ?? { key: version, version };
}

/** The pinned version for a key (`latest`, `n8n2`, `n8n1`). */
export function pinnedN8nVersion(key) {
	const entry = N8N_VERSIONS.find((candidate) => candidate.key === key);
	if (!entry)
		throw new Error(`no pinned n8n "${key}"; known: ${N8N_VERSIONS.map((e) => e.key).join(', ')}`);
	return entry.version;
}

/**
 * The n8n whose own modules (sqlite3, flatted) the tests load to read a database n8n wrote: the first pinned
 * version that runs on this machine's Node, since a newer n8n's native modules are built for its newer Node.
 */
export function readerN8nVersion() {
	return N8N_VERSIONS.find(runsOnThisNode)?.version;
}

/** Whether a version runs on the Node.js running this script (else it needs its own, see node-runtime.mjs). */
export function runsOnThisNode({ nodeMajor }) {
	return !nodeMajor || Number(process.versions.node.split('.')[0]) >= nodeMajor;
}

/** What to install for a run of these versions, in order: the reader first, since every version's tests need it. */
export function installOrder(versions) {
	const reader = readerN8nVersion();
	return reader ? [reader, ...versions.filter((version) => version !== reader)] : [...versions];
}

/** The versions the end-to-end run covers: all pinned ones, or those NYNE_E2E_N8N lists (e.g. `2.8.4,2.41.1`). */
export function selectedN8nVersions() {
	const wanted = (process.env.NYNE_E2E_N8N ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	if (wanted.length === 0) return N8N_VERSIONS.map((entry) => entry.version);
	const unknown = wanted.filter(
		(version) => !N8N_VERSIONS.some((entry) => entry.version === version),
	);
	if (unknown.length > 0)
		throw new Error(`NYNE_E2E_N8N names unpinned versions: ${unknown.join(', ')}`);
	return wanted;
}
