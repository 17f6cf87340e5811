import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { WatchRecord, WatchStore } from '../../shared';

/** JSON in, JSON out: n8n hands static data over as proxies (structuredClone refuses them). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The trigger's record is its node's static data itself, which n8n saves when a poll emits. */
export function staticDataStore(staticData: IDataObject): WatchStore {
	return {
		read: () => copy(staticData),
		write: (record: WatchRecord) => {
			for (const key of Object.keys(staticData)) delete staticData[key];
			Object.assign(staticData, copy(record));
		},
	};
}

/** How 0.1.0 hashed the people it remembered, so its state carries over. */
export function version010Hash(text: string): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, 8);
}
