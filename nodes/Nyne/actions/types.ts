import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NyneClient } from '../../../shared';

/** Work left for after every item was submitted (waiting), so many items wait side by side. */
export type Deferred = (() => Promise<IDataObject[]>) & { requestId?: string };
export type OperationResult = IDataObject[] | Deferred;

/** Shared by every item of one execution: one client, one cancel signal. */
export interface RunContext {
	client(): Promise<NyneClient>;
	signal?: AbortSignal;
}

export interface NyneOperation {
	description: INodeProperties[];
	/** Reads and checks the item's parameters without any HTTP call; what it returns goes to `execute`. */
	prepare?(this: IExecuteFunctions, itemIndex: number): unknown;
	execute(this: IExecuteFunctions, itemIndex: number, prepared: unknown, run: RunContext): Promise<OperationResult>;
}

export type NyneResource = 'interaction' | 'request' | 'account';
