// n8n's Retry On Fail never makes the Nyne node pay twice, on every pinned n8n version: see suites/nyneRetryOnFail.ts.
import { describeNyneRetryOnFail } from './suites/nyneRetryOnFail';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describeNyneRetryOnFail(target);
