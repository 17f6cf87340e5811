// every operation of the Nyne node through `n8n execute`, on every pinned n8n version: see suites/nyneActions.ts.
import { describeNyneActions } from './suites/nyneActions';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describeNyneActions(target);
