// Nyne Trigger callbacks and "Wait for Callback" under `n8n start` in n8n 1.123.x (activated with
// `update:workflow --active=true`, 1.x has no `publish:workflow`): see ../suites/nyneCallbacks.ts.
import { describeNyneCallbacks } from '../suites/nyneCallbacks';
import { n8n1 } from '../suites/targets';

describeNyneCallbacks(n8n1);
