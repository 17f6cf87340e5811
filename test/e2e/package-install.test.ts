// The packed package in the pinned n8n 2.x: see suites/packageInstall.ts.
import { describePackageInstall } from './suites/packageInstall';
import { n8n2 } from './suites/targets';

describePackageInstall(n8n2);
