// the packed package installed into every pinned n8n (n8n's own install recipe, what loads), on every pinned n8n version: see suites/packageInstall.ts.
import { describePackageInstall } from './suites/packageInstall';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describePackageInstall(target);
