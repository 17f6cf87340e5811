// The fault soak through the installed Nyne node, on every pinned n8n version: see suites/nyneSoak.ts.
import { describeNyneSoak } from './suites/nyneSoak';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describeNyneSoak(target);
