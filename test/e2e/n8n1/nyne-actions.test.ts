// Every operation of the Nyne node in n8n 1.123.x, the same checks as on 2.x: see ../suites/nyneActions.ts.
import { describeNyneActions } from '../suites/nyneActions';
import { n8n1 } from '../suites/targets';

describeNyneActions(n8n1);
