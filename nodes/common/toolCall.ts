import type { IExecuteFunctions } from 'n8n-workflow';

/** n8n 2.x says so itself; 1.x lacks isToolExecution, and an AI Agent 3.1 on 2.8 runs the derived `…Tool` type without it. */
export function isCalledAsTool(context: IExecuteFunctions): boolean {
	if (context.getNode().type.endsWith('Tool')) return true;
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}
