import type { IExecuteFunctions } from 'n8n-workflow';

import type { NyneClient } from '../../../shared';
import { createNyneClient } from '../../common/transport';

/** Shared by every item of one execution: one client, made when first needed, and one cancel signal. */
export interface RunContext {
	client(): Promise<NyneClient>;
	signal?: AbortSignal;
}

export function createRunContext(context: IExecuteFunctions): RunContext {
	let client: Promise<NyneClient> | undefined;
	return {
		client: async () =>
			await (client ??= createNyneClient(context, context.getExecutionCancelSignal())),
		signal: context.getExecutionCancelSignal(),
	};
}
