// n8n queue mode (main, two workers, a webhook processor, Redis, Postgres) on n8n 2.x: see suites/queueMode.ts.
import { describeQueueMode } from './suites/queueMode';
import { n8n2 } from './suites/targets';

describeQueueMode(n8n2);
