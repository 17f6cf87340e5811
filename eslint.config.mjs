import js from '@eslint/js';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

/** eslint-plugin-n8n-nodes-base ships eslintrc-style rule sets; flat config takes their rules only. */
const nodesBaseRules = (set) => n8nNodesBase.configs[set].rules;

export default tseslint.config(
	{
		// Only what ships in the n8n package is linted here; the other folders have their own checks.
		ignores: [
			'dist/**',
			'node_modules/**',
			// zapier/src is linted below; the rest of zapier/ is its build output, dependencies and config.
			'zapier/*',
			'!zapier/src/',
			'sandbox/**',
			'test/**',
			'bench/**',
			'scripts/**',
			'**/*.js',
			'**/*.mjs',
			'**/*.cjs',
			'vitest*.config.ts',
		],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'shared/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { project: './tsconfig.json', sourceType: 'module' },
		},
	},
	{
		// The Zapier app: type-aware rules through its own tsconfig (which takes in shared/); no n8n rules.
		files: ['zapier/src/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: {
				project: './zapier/tsconfig.json',
				tsconfigRootDir: import.meta.dirname,
				sourceType: 'module',
			},
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'shared/**/*.ts', 'package.json'],
		...n8nCommunityNodes.configs.recommended,
	},
	{
		// The core imports nothing from n8n (design.md), so it cannot throw NodeApiError; the nodes map its
		// typed errors to NodeApiError / NodeOperationError at the boundary (nodes/common/errors.ts).
		files: ['shared/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...nodesBaseRules('community'),
			// typescript-eslint reads package.json as a JSON expression; its TS-only rules do not apply there.
			'@typescript-eslint/no-unused-expressions': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...nodesBaseRules('credentials'),
			// The rule's own documentation: "Only applicable to nodes in the main repository" (docs slugs); ours is a URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...nodesBaseRules('nodes'),
			// These two contradict @n8n/community-nodes/node-connection-type-literal (NodeConnectionTypes.Main, not 'main'); the newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
