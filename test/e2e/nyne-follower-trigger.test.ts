// The Nyne Follower Trigger polling under `n8n start`, on every pinned n8n version: see suites/nyneFollowerTrigger.ts.
import { describeNyneFollowerTrigger } from './suites/nyneFollowerTrigger';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describeNyneFollowerTrigger(target);
