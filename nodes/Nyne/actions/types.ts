import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Lead, LookupView } from '../../../shared';

/**
 * What starting an item gave: its items at once (with the request ID of a lookup it started without waiting),
 * a lookup to collect once every item has started (with the lead identical calls wait on, when it has one), or
 * an identical lookup another call started, whose result it reads for 0 credits.
 */
export type Started =
	| { items: IDataObject[]; requestId?: string }
	| { requestId: string; lead?: Lead }
	| { follow: Promise<LookupView> };

/** One operation, as in n8n's own nodes: the fields it shows, and the `execute` that reads them for every item. */
export interface NyneOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export type NyneResource = 'interaction' | 'request' | 'account';
