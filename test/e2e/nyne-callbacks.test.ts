// Nyne Trigger callbacks and "Wait for Callback" under `n8n start` in the pinned n8n 2.x: see suites/nyneCallbacks.ts.
import { describeNyneCallbacks } from './suites/nyneCallbacks';
import { n8n2 } from './suites/targets';

describeNyneCallbacks(n8n2);
