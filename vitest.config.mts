import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/system/n8n/**', 'node_modules/**', 'zapier/node_modules/**'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
	},
});
