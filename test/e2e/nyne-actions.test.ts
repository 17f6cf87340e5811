// Every operation of the Nyne node in the pinned n8n 2.x: see suites/nyneActions.ts.
import { describeNyneActions } from './suites/nyneActions';
import { n8n2 } from './suites/targets';

describeNyneActions(n8n2);
