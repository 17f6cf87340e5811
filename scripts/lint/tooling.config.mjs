// ESLint for the repository's own tooling (tests, the sandbox, benchmarks, scripts): none of it ships in the n8n
// package, so n8n's community-node rules (root eslint.config.mjs) do not apply; JavaScript's and typescript-eslint's
// recommended rules do. Each folder's eslint.config.mjs re-exports this; ESLint takes the nearest config of a file
// (its config lookup from the file, which `npm run lint` turns on: see scripts/lint/README.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['**/*.ts', '**/*.mts'],
	extends: [js.configs.recommended, ...tseslint.configs.recommended],
	languageOptions: { parser: tseslint.parser, sourceType: 'module' },
	rules: {
		// test doubles keep the signature they stand in for; a destructured rest leaves out what it names
		'@typescript-eslint/no-unused-vars': [
			'error',
			{ argsIgnorePattern: '^_', ignoreRestSiblings: true },
		],
	},
});
