// The packed package installed into n8n 1.123.x the way 1.x installs community packages: what n8n loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runN8n, type N8nInstance } from '../harness';
import { createN8n1Instance, INSTALL_TIMEOUT_MS, N8N1_VERSION, n8n1Dist } from './n8n1';

interface ExportedNode {
	name: string;
	outputs: unknown;
	credentials?: Array<{ name: string }>;
}

describe(`the packed package installed into n8n ${N8N1_VERSION}`, () => {
	let n8n: N8nInstance;
	let nodes: ExportedNode[];

	beforeAll(async () => {
		n8n = await createN8n1Instance();
		const output = join(n8n.userFolder, 'nodes.json');
		const result = await runN8n(n8n, ['export:nodes', `--output=${output}`]);
		expect(result.code, result.stderr).toBe(0);
		nodes = (JSON.parse(readFileSync(output, 'utf8')) as ExportedNode[]).filter((node) => node.name.startsWith('n8n-nodes-nyne.'));
	}, INSTALL_TIMEOUT_MS);
	afterAll(() => n8n?.dispose());

	it(`is n8n ${N8N1_VERSION} with its own n8n-workflow 1.x`, () => {
		const n8nManifest = JSON.parse(readFileSync(join(n8n1Dist(), '..', 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
		expect(n8nManifest.version).toBe(N8N1_VERSION);
		expect(n8nManifest.dependencies['n8n-workflow']).toMatch(/^1\./);
	});

	it('installs community packages with the recipe the harness copies (unpack, drop dev/peer/optional deps, shallow npm install)', () => {
		const service = readFileSync(join(n8n1Dist(), 'modules', 'community-packages', 'community-packages.service.js'), 'utf8');
		for (const flag of ['--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false']) {
			expect(service).toContain(`'${flag}'`);
		}
		expect(service).toContain("'-xzf', tarballName, '-C', packageDirectory, '--strip-components=1'");
		expect(service).toContain('const { devDependencies, peerDependencies, optionalDependencies, ...packageJson }');
	});

	it('loads the three nodes and derives the AI tool from the action node', () => {
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
});
