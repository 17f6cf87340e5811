// What a user gets after installing the package from its tarball: what n8n loads, and what it carries.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createN8nInstance, runN8n, type N8nInstance } from './harness';

interface ExportedNode {
	name: string;
	displayName: string;
	outputs: unknown;
	credentials?: Array<{ name: string }>;
	usableAsTool?: boolean;
}

describe('the packed package installed into n8n 2.8.4', () => {
	let n8n: N8nInstance;
	let nodes: ExportedNode[];
	let installedDir: string;

	beforeAll(async () => {
		n8n = await createN8nInstance();
		installedDir = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-nyne');
		const output = join(n8n.userFolder, 'nodes.json');
		const result = await runN8n(n8n, ['export:nodes', `--output=${output}`]);
		expect(result.code, result.stderr).toBe(0);
		nodes = (JSON.parse(readFileSync(output, 'utf8')) as ExportedNode[]).filter((node) => node.name.startsWith('n8n-nodes-nyne.'));
	});
	afterAll(() => n8n?.dispose());

	it('n8n loads the three nodes and derives the AI tool from the action node', () => {
		expect(nodes.map((node) => node.name).sort()).toEqual([
			'n8n-nodes-nyne.nyne',
			'n8n-nodes-nyne.nyneFollowerTrigger',
			'n8n-nodes-nyne.nyneTool',
			'n8n-nodes-nyne.nyneTrigger',
		]);
		const tool = nodes.find((node) => node.name === 'n8n-nodes-nyne.nyneTool');
		expect(tool?.outputs).toEqual(['ai_tool']);
		expect(tool?.credentials?.map((c) => c.name)).toEqual(['nyneApi']);
	});

	it('ships only dist/ and installs no runtime dependencies of its own', () => {
		const manifest = JSON.parse(readFileSync(join(installedDir, 'package.json'), 'utf8')) as Record<string, unknown>;
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(existsSync(join(installedDir, 'node_modules'))).toBe(false);
		expect(existsSync(join(installedDir, 'dist', 'nodes', 'Nyne', 'Nyne.node.js'))).toBe(true);
		expect(existsSync(join(installedDir, 'dist', 'credentials', 'NyneApi.credentials.js'))).toBe(true);
		expect(existsSync(join(installedDir, 'sandbox'))).toBe(false);
	});
});
