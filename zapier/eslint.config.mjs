// ESLint for the Zapier app: typescript-eslint's type-checked rules through the app's own tsconfig (which takes
// in shared/); n8n's community-node rules (root eslint.config.mjs) are for the n8n package and do not apply here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
	{
		files: ['src/**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: {
				project: './tsconfig.json',
				tsconfigRootDir: import.meta.dirname,
				sourceType: 'module',
			},
		},
	},
);
