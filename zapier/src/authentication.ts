import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

import { DEFAULT_BASE_URL } from '../../shared/index.js';
import { createNyneClient, resolveBaseUrl } from './client.js';
import { withZapierErrors } from './errors.js';
import { FIELD_LABELS } from './fields.js';

/** GET /usage: free, and it proves the key pair works. */
const test = (z: ZObject, bundle: Bundle) =>
	withZapierErrors(z, () => createNyneClient(z, bundle).getUsage());

/** /usage names no account, so the label names the API host when it is not the real one (never the key). */
function hostLabel(baseUrl: string): string {
	if (baseUrl.replace(/\/+$/, '') === DEFAULT_BASE_URL) return 'Nyne API';
	try {
		return `Nyne API (${new URL(baseUrl).host})`;
	} catch {
		return 'Nyne API';
	}
}

/** zapier-platform-core's types ask a connectionLabel function for a Promise. */
const connectionLabel = (_z: ZObject, bundle: Bundle): Promise<string> =>
	Promise.resolve(hostLabel(resolveBaseUrl(bundle.authData)));

export default {
	type: 'custom',
	fields: [
		{
			key: 'api_key',
			label: 'API Key',
			required: true,
			type: 'string',
			helpText:
				'Your Nyne API key, from the API credentials page of your [Nyne dashboard](https://www.nyne.ai).',
		},
		{
			key: 'api_secret',
			label: 'API Secret',
			required: true,
			type: 'password',
			helpText: 'The API secret that belongs to the key.',
		},
		{
			key: 'base_url',
			label: FIELD_LABELS.base_url,
			required: false,
			type: 'string',
			default: DEFAULT_BASE_URL,
			helpText: `Leave as ${DEFAULT_BASE_URL} unless Nyne gave you another address (or for a local sandbox).`,
		},
	],
	test,
	connectionLabel,
} satisfies Authentication;
