import { defineConfig } from 'vitest/config';

// Real n8n is heavy (one `n8n start` is ~300 MB and a CPU-bound start-up): test files run one at a time.
export default defineConfig({
	test: {
		include: ['test/system/n8n/**/*.test.ts'],
		globalSetup: ['test/helpers/n8n/globalSetup.ts'],
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 240_000,
		hookTimeout: 600_000,
		teardownTimeout: 60_000,
		reporters: ['verbose'],
	},
});
