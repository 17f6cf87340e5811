// Which versions of n8n's own AI nodes a pinned n8n offers, read from its installed dist (the versions differ
// between n8n releases, and a workflow saved at an older version keeps running it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { n8nCacheDir } from './paths';
import type { N8nTarget } from './targets';

const langchainDist = (target: N8nTarget) =>
	join(n8nCacheDir(target.version), 'node_modules', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes');

/** The AI Agent's typeVersions: the keys of its VersionedNodeType's `nodeVersions` (`1.9: new AgentV1(...)`). */
export function offeredAgentVersions(target: N8nTarget): number[] {
	const file = join(langchainDist(target), 'agents', 'Agent', 'Agent.node.js');
	const source = readFileSync(file, 'utf8');
	return [...source.matchAll(/^\s*([\d.]+): new \w+\.AgentV\d+\(/gm)].map((m) => Number(m[1]));
}

/** The MCP Server Trigger's typeVersions (its description's `version: [...]`), or none when this n8n lacks it. */
export function offeredMcpTriggerVersions(target: N8nTarget): number[] {
	const file = join(langchainDist(target), 'mcp', 'McpTrigger', 'McpTrigger.node.js');
	if (!existsSync(file)) return [];
	const list = /version: \[([\d., ]+)\]/.exec(readFileSync(file, 'utf8'));
	return list ? list[1].split(',').map((v) => Number(v.trim())) : [];
}
