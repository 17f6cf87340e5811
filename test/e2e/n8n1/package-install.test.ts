// The packed package installed into n8n 1.123.x by 1.x's recipe: see ../suites/packageInstall.ts.
import { describePackageInstall } from '../suites/packageInstall';
import { n8n1 } from '../suites/targets';

describePackageInstall(n8n1);
