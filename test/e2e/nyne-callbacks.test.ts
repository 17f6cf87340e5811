// Nyne Trigger callbacks and Wait for Callback under `n8n start`, on every pinned n8n version: see suites/nyneCallbacks.ts.
import { describeNyneCallbacks } from './suites/nyneCallbacks';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describeNyneCallbacks(target);
