// 1.x's AI Agent (version 3) calling the Nyne Tool in n8n 1.123.x: see ../suites/aiAgentTool.ts.
import { describeAiAgentTool } from '../suites/aiAgentTool';
import { n8n1 } from '../suites/targets';

describeAiAgentTool(n8n1);
