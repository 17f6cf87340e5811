import type { IDataObject } from 'n8n-workflow';

/** Nyne retries a callback up to 5 times; this many recent request IDs are enough to drop the repeats. */
export const MAX_REMEMBERED_REQUESTS = 500;

/** Per n8n process, so two copies arriving at the same moment are caught before static data is saved. */
const inProcess = new Map<string, string[]>();

function remember(list: string[], requestId: string): string[] {
	const next = list.filter((id) => id !== requestId);
	next.push(requestId);
	return next.length > MAX_REMEMBERED_REQUESTS
		? next.slice(next.length - MAX_REMEMBERED_REQUESTS)
		: next;
}

/** True the first time a request ID is seen by this trigger; remembers it in static data and in memory. */
export function isFirstDelivery(
	staticData: IDataObject,
	scope: string,
	requestId: string,
): boolean {
	const stored = Array.isArray(staticData.recentRequestIds)
		? (staticData.recentRequestIds as string[])
		: [];
	const local = inProcess.get(scope) ?? [];
	if (stored.includes(requestId) || local.includes(requestId)) return false;
	staticData.recentRequestIds = remember(stored, requestId);
	inProcess.set(scope, remember(local, requestId));
	return true;
}
