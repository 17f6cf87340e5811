import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { isCalledAsTool } from '../../../../common/toolCall';
import { newResumeToken } from './resumeToken';
import { resumeUrlOf, withResumeToken } from './resumeUrl';

/** "Wait for Callback" pauses the whole execution once: not for an AI agent, and one input item per run. */
export function checkCallbackWaitFits(context: IExecuteFunctions, itemIndex: number): void {
	if (isCalledAsTool(context)) {
		throw new NodeOperationError(
			context.getNode(),
			'An AI agent cannot pause for a callback. Set Wait Mode to "Wait for Result" for this tool.',
			{ itemIndex },
		);
	}
	const count = context.getInputData().length;
	if (count > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`"Wait for Callback" resumes an execution once, so it takes one input item; this run has ${count}.`,
			{
				itemIndex,
				description:
					'Use "Wait for Result" (it submits every item first, then collects them), or put a Loop Over Items node ' +
					'with batch size 1 before this node, or use "Don\'t Wait" with a Nyne Trigger.',
			},
		);
	}
}

/** Where this run asks Nyne to post: the execution's resume URL, with a new token that only this run holds. */
export async function newResumeCallback(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<{ url: string; resumeToken: string }> {
	const { apiSecret } = await context.getCredentials<{ apiSecret: string }>('nyneApi');
	const resumeToken = newResumeToken(apiSecret, context.getExecutionId(), context.getNode().id);
	return { url: withResumeToken(resumeUrlOf(context, itemIndex), resumeToken), resumeToken };
}
