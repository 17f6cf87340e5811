// n8n's AI Agent calling the Nyne Tool, on every pinned n8n version: see suites/aiAgentTool.ts.
import { describeAiAgentTool } from './suites/aiAgentTool';
import { N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS) describeAiAgentTool(target);
