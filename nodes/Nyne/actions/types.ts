import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NyneClient } from '../../../shared';

/** Shared by every item of one execution: one client, one cancel signal. */
export interface RunContext {
	client(): Promise<NyneClient>;
	signal?: AbortSignal;
}

/**
 * What starting an item gave: its items at once (with the request ID of a lookup it started without waiting),
 * or a lookup to collect once every item has started.
 */
export type Started = { items: IDataObject[]; requestId?: string } | { requestId: string };

/** What `settle` decided for an item before anything is sent: given items (not sent at all), or a failure. */
export type Settled = { ok: true; started: Started } | { ok: false; error: unknown };

/**
 * One operation, in the router's three steps: `prepare` reads and checks the item's parameters without any
 * HTTP call, `start` sends what the item asks for, `collect` waits for a started lookup and renders it.
 */
export interface NyneOperation<Prepared = unknown> {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	/**
	 * Once every item is prepared and before any starts: settles items that need no lookup (a result already paid
	 * for) or may not have one (beyond the run's budget); throws to fail the run before anything is sent.
	 */
	settle?(
		this: IExecuteFunctions,
		prepared: Map<number, Prepared>,
		run: RunContext,
	): Promise<Map<number, Settled>>;
	start(
		this: IExecuteFunctions,
		itemIndex: number,
		prepared: Prepared,
		run: RunContext,
	): Promise<Started>;
	collect?(
		this: IExecuteFunctions,
		itemIndex: number,
		prepared: Prepared,
		requestId: string,
		run: RunContext,
	): Promise<IDataObject[]>;
}

export type NyneResource = 'interaction' | 'request' | 'account';
