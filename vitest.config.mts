import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/system/n8n/**', 'node_modules/**', 'zapier/node_modules/**'],
		globalSetup: ['test/helpers/n8nCore/userFolder.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Most files wait on real HTTP and timers, not the CPU: three at once on 2 cores took 147 s, one at a time 290 s.
		maxWorkers: 3,
	},
});
