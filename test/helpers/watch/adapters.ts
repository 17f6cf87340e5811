import type { IDataObject, INode, IPollFunctions } from 'n8n-workflow';

import type { RateLimiterRegistry, TransportRequest, TransportResponse } from '../../../shared';
import { pollFollowers } from '../../../nodes/NyneFollowerTrigger/pollFollowers';
import { overrideRuntime } from '../n8nCore/runtimeOverride';
import { createRequire } from 'node:module';

import type * as ZapierCore from '../../../zapier/node_modules/zapier-platform-core';
import App from '../../../zapier/src/index';

/** zapier-platform-core as the app loads it, for its z.errors. */
const zapier = createRequire(new URL('../../../zapier/package.json', import.meta.url))(
	'zapier-platform-core',
) as typeof ZapierCore;

/** One change as the watch reported it, in either product. */
export interface Reported {
	kind: 'added' | 'lost';
	username: string;
	requestId: string;
	/** Zapier's dedupe key (n8n has none: every item is an event). */
	id?: string;
}

export interface WatchSettings {
	mode: 'new' | 'lost';
	maxResults: number | undefined;
	checkEveryHours: number;
	transport: (request: TransportRequest) => Promise<TransportResponse>;
	/** The product's own clock (it may jump away from the model's). */
	now: () => number;
	/** n8n: the node's static data as an earlier version left it. */
	staticData?: IDataObject;
	/** Another trigger than the follower one of `mode`: n8n's event, Zapier's trigger key, and its URL. */
	n8nEvent?: string;
	zapierKey?: 'new_follower' | 'new_following' | 'new_reply' | 'lost_follower';
	url?: string;
	/** Leave Check Every (Hours) out, as a new trigger has it. */
	defaults?: boolean;
}

export interface PollOptions {
	/** The product cannot save what this poll changed (n8n: the poll's run is lost; Zapier: z.cache refuses writes). */
	unsaved?: 'all' | 'after_start';
	/** Zapier: a second poll of the same watch runs at the same time. */
	overlap?: boolean;
}

export interface AdapterRun {
	poll(options?: PollOptions): Promise<Reported[]>;
}

export type AdapterName = 'n8n' | 'zapier';

const noLimiters = { forKey: () => false } as unknown as RateLimiterRegistry;
const logger = { warn() {}, info() {}, debug() {}, error() {}, verbose() {} };

/** The n8n Follower Trigger's poll (what its node's poll() runs), on a direct IPollFunctions stand-in. */
export function n8nRun(settings: WatchSettings): AdapterRun {
	const node: INode = {
		id: 'watch',
		name: 'Nyne Follower Trigger',
		type: 'n8n-nodes-nyne.nyneFollowerTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const parameters: IDataObject = {
		socialMediaUrl: settings.url ?? 'https://x.com/acme',
		event: settings.n8nEvent ?? (settings.mode === 'new' ? 'newFollower' : 'lostFollower'),
		maxResults: settings.maxResults ?? '',
		...(settings.defaults ? {} : { checkEveryHours: settings.checkEveryHours }),
	};
	let staticData: IDataObject = structuredClone(settings.staticData ?? {});
	let posted = false;
	const context = (data: IDataObject) =>
		({
			getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
			getMode: () => 'trigger',
			getWorkflowStaticData: () => data,
			getNode: () => node,
			logger,
			getCredentials: async () => ({ apiKey: 'k', apiSecret: 's', baseUrl: 'http://127.0.0.1:9' }),
			helpers: {
				httpRequestWithAuthentication: async (_name: string, options: IDataObject) => {
					const request: TransportRequest = {
						method: options.method as 'GET' | 'POST',
						url: String(options.url),
						headers: {},
						...(options.body === undefined ? {} : { body: options.body }),
					};
					if (request.method === 'POST') posted = true;
					const response = await settings.transport(request);
					return { statusCode: response.status, headers: response.headers, body: response.body };
				},
			},
		}) as unknown as IPollFunctions;
	return {
		async poll(options = {}) {
			overrideRuntime({ now: settings.now, sleep: async () => {}, limiters: noLimiters });
			const before = structuredClone(staticData);
			const data = structuredClone(staticData);
			posted = false;
			let out;
			try {
				out = await pollFollowers.call(context(data));
			} catch {
				out = null;
			}
			// n8n saves a poll's static data once it has run; a lost run keeps what was there before.
			const lost = options.unsaved === 'all' || (options.unsaved === 'after_start' && posted);
			staticData = lost ? before : data;
			if (lost) return [];
			return (out?.[0] ?? []).map(({ json }) => ({
				kind: String(json.event).startsWith('lost') ? 'lost' : 'added',
				username: String(json.username),
				requestId: String(json.request_id),
			}));
		},
	};
}

type Cache = Map<string, string>;

/**
 * Runs `body` with Date.now reading `now` (the Zapier app reads the time from Date.now), then puts the real one back.
 * Plain code, not vitest's spies: `npm run bench` runs these adapters outside vitest, where vitest cannot load.
 */
async function withDateNow<T>(now: () => number, body: () => Promise<T>): Promise<T> {
	const real = Date.now;
	Date.now = now;
	try {
		return await body();
	} finally {
		Date.now = real;
	}
}

/** The Zapier trigger's perform on a stand-in z: z.request on the model, a z.cache that honours scope and nx. */
export function zapierRun(settings: WatchSettings): AdapterRun {
	const key = settings.zapierKey ?? (settings.mode === 'new' ? 'new_follower' : 'lost_follower');
	const operation = App.triggers[key]?.operation;
	if (operation?.type !== 'polling' || typeof operation.perform !== 'function')
		throw new Error(`${key} should be a polling trigger`);
	const perform = operation.perform as (z: unknown, bundle: unknown) => Promise<IDataObject[]>;
	const cache: Cache = new Map();
	const bundle = {
		authData: { api_key: 'k', api_secret: 's', base_url: 'http://127.0.0.1:9' },
		inputData: {
			social_media_url: settings.url ?? 'https://x.com/acme',
			...(settings.defaults ? {} : { check_every_hours: settings.checkEveryHours }),
			max_results: settings.maxResults ?? '',
		},
		meta: { zap: { id: 'zap-model' } },
	};
	const scoped = (name: string, scope?: string[] | null) => `${(scope ?? []).join(',')}|${name}`;
	function zFor(refuse: () => boolean, onPost: () => void) {
		return {
			console: { log() {} },
			errors: zapier.errors,
			request: async (options: { url: string; method: 'GET' | 'POST'; body?: unknown }) => {
				if (options.method === 'POST') onPost();
				const response = await settings.transport({
					method: options.method,
					url: options.url,
					headers: {},
					...(options.body === undefined ? {} : { body: options.body }),
				});
				return {
					status: response.status,
					content: JSON.stringify(response.body),
					headers: {
						forEach: (fn: (v: string, k: string) => void) =>
							Object.entries(response.headers).forEach(([k, v]) => fn(v, k)),
					},
				};
			},
			cache: {
				get: async (name: string, scope?: string[]) => {
					const text = cache.get(scoped(name, scope));
					return text === undefined ? null : (JSON.parse(text) as unknown);
				},
				set: async (
					name: string,
					value: unknown,
					_ttl?: number,
					scope?: string[],
					nx?: boolean,
				) => {
					const at = scoped(name, scope);
					if (!name.endsWith(':lock') && refuse()) throw new Error('z.cache refused the write');
					if (nx && cache.has(at)) return false;
					cache.set(at, JSON.stringify(value));
					return true;
				},
				delete: async (name: string, scope?: string[]) => cache.delete(scoped(name, scope)),
			},
		};
	}
	const events = (items: IDataObject[]): Reported[] =>
		items.map((item) => ({
			kind: key === 'lost_follower' ? 'lost' : 'added',
			username: String(item.username),
			requestId: String(item.request_id),
			id: String(item.id),
		}));
	return {
		async poll(options = {}) {
			let posted = false;
			const refuse = () =>
				options.unsaved === 'all' || (options.unsaved === 'after_start' && posted);
			const run = async () => {
				try {
					return events(
						await perform(
							zFor(refuse, () => (posted = true)),
							bundle,
						),
					);
				} catch {
					return [];
				}
			};
			return await withDateNow(settings.now, async () => {
				if (!options.overlap) return await run();
				const [first, second] = await Promise.all([run(), run()]);
				return [...first, ...second];
			});
		},
	};
}

export function adapterRun(name: AdapterName, settings: WatchSettings): AdapterRun {
	return name === 'n8n' ? n8nRun(settings) : zapierRun(settings);
}
