import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/**
 * What starting an item gave: its items at once (with the request ID of a lookup it started without waiting),
 * or a lookup to collect once every item has started.
 */
export type Started = { items: IDataObject[]; requestId?: string } | { requestId: string };

/** One operation, as in n8n's own nodes: the fields it shows, and the `execute` that reads them for every item. */
export interface NyneOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export type NyneResource = 'interaction' | 'request' | 'account';
