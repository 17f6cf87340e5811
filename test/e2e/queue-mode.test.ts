// n8n queue mode (main, two workers, a webhook processor, Redis, Postgres) on every pinned n8n 2.x: see suites/queueMode.ts.
import { describeQueueMode } from './suites/queueMode';
import { latest, n8n2, N8N_TARGETS } from './suites/targets';

for (const target of [latest, n8n2]) if (N8N_TARGETS.includes(target)) describeQueueMode(target);
