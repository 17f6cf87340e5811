import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	AUTH_ERROR_CODES,
	DEFAULT_BASE_URL,
	authHeaders,
	describeApiError,
	normalizeBaseUrl,
} from '../shared';

/** Codes GET /usage can answer with; each gets the core's wording, so the test says what to fix. */
const USAGE_ERROR_CODES = [
	...AUTH_ERROR_CODES,
	'subscription_required',
	'no_active_subscription',
	'ip_not_allowed',
	'access_denied',
	'rate_limit_exceeded',
	'monthly_limit_exceeded',
	'internal_error',
];

const usageErrorRules: IAuthenticateRuleResponseSuccessBody[] = [
	...USAGE_ERROR_CODES.map((code) => ({
		type: 'responseSuccessBody' as const,
		properties: { key: 'error.code', value: code, message: describeApiError(code) },
	})),
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'success',
			value: false,
			message: 'Nyne rejected the request. Check the API key, the secret and the base URL.',
		},
	},
];

export class NyneApi implements ICredentialType {
	name = 'nyneApi';

	displayName = 'Nyne API';

	icon: Icon = { light: 'file:nyne.svg', dark: 'file:nyne.dark.svg' };

	documentationUrl = 'https://www.nyne.ai/docs/person-interactions';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Sign in at <a href="https://www.nyne.ai">nyne.ai</a>: your dashboard lists the API key and its secret',
			hint: 'From your Nyne dashboard at https://www.nyne.ai (shown beside the API secret)',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret shown with the API key in your dashboard at <a href="https://www.nyne.ai">nyne.ai</a>',
			hint: 'From your Nyne dashboard at https://www.nyne.ai, next to the API key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Leave as is for the Nyne API. Point it at a local Nyne sandbox (for example ' +
				'http://127.0.0.1:8787) to build workflows without spending credits.',
		},
	];

	/**
	 * Signs every request made with this credential, the test on save included, and only for a base URL the node
	 * accepts: an http:// URL off this machine is refused before the key and secret are attached or anything is sent.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		normalizeBaseUrl(credentials.baseUrl as string | undefined);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				...authHeaders(String(credentials.apiKey ?? ''), String(credentials.apiSecret ?? '')),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/usage',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: usageErrorRules,
	};
}
