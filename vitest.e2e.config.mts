import { defineConfig } from 'vitest/config';

// Real n8n is heavy (one `n8n start` is ~300 MB and a CPU-bound start-up): test files run one at a time.
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.test.ts'],
		globalSetup: ['test/e2e/global-setup.ts'],
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 240_000,
		hookTimeout: 600_000,
		teardownTimeout: 60_000,
		reporters: ['verbose'],
	},
});
