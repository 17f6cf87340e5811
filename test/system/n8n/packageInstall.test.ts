// What a user gets after installing the package from its tarball into an n8n version: how that n8n
// installs community packages, what it loads, and what the package carries.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runN8n, type N8nInstance } from '../../helpers/n8n';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

interface ExportedNode {
	name: string;
	outputs: unknown;
	credentials?: Array<{ name: string }>;
}

function describePackageInstall(target: N8nTarget): void {
	describe(`the packed package installed into n8n ${target.version}`, () => {
		let n8n: N8nInstance;
		let nodes: ExportedNode[];
		let installedDir: string;

		beforeAll(async () => {
			n8n = await target.createInstance();
			installedDir = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-nyne');
			const output = join(n8n.userFolder, 'nodes.json');
			const result = await runN8n(n8n, ['export:nodes', `--output=${output}`]);
			expect(result.code, result.stderr).toBe(0);
			nodes = (JSON.parse(readFileSync(output, 'utf8')) as ExportedNode[]).filter((node) =>
				node.name.startsWith('n8n-nodes-nyne.'),
			);
		});
		afterAll(() => n8n?.dispose());

		it(`is n8n ${target.version} with its own n8n-workflow of the same major version`, () => {
			const n8nManifest = JSON.parse(
				readFileSync(join(target.dist(), '..', 'package.json'), 'utf8'),
			) as { version: string; dependencies: Record<string, string> };
			expect(n8nManifest.version).toBe(target.version);
			const major = target.version.split('.')[0];
			expect(n8nManifest.dependencies['n8n-workflow']).toMatch(new RegExp(`^${major}\\.`));
		});

		it('installs community packages with the recipe the harness copies (unpack, drop dev/peer/optional deps, shallow npm install)', () => {
			const service = readFileSync(
				join(target.dist(), 'modules', 'community-packages', 'community-packages.service.js'),
				'utf8',
			);
			for (const flag of [
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			]) {
				expect(service).toContain(`'${flag}'`);
			}
			expect(service).toContain(
				"'-xzf', tarballName, '-C', packageDirectory, '--strip-components=1'",
			);
			expect(service).toContain(
				'const { devDependencies, peerDependencies, optionalDependencies, ...packageJson }',
			);
		});

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
			const manifest = JSON.parse(
				readFileSync(join(installedDir, 'package.json'), 'utf8'),
			) as Record<string, unknown>;
			expect(manifest.dependencies ?? {}).toEqual({});
			expect(existsSync(join(installedDir, 'node_modules'))).toBe(false);
			expect(existsSync(join(installedDir, 'dist', 'nodes', 'Nyne', 'Nyne.node.js'))).toBe(true);
			expect(existsSync(join(installedDir, 'dist', 'credentials', 'NyneApi.credentials.js'))).toBe(
				true,
			);
			expect(existsSync(join(installedDir, 'sandbox'))).toBe(false);
		});
	});
}

for (const target of N8N_TARGETS) describePackageInstall(target);
