// The AI Agent calling the Nyne Tool in the pinned n8n 2.x: see suites/aiAgentTool.ts.
import { describeAiAgentTool } from './suites/aiAgentTool';
import { n8n2 } from './suites/targets';

describeAiAgentTool(n8n2);
