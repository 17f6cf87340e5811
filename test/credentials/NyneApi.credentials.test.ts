// The credential's test on save, run as n8n's CredentialsTester runs a declarative test: the credential's `test`
// request as the only property of a stand-in node, through n8n-core's RoutingNode and the credential's own
// `authenticate`, with the tester's mapping of errors to the message the editor shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecuteContext, RoutingNode } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { NyneApi } from '../../credentials/NyneApi.credentials';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { additionalDataFor, type NyneTestCredentials } from '../helpers/n8nCore/n8nHarness';

const credentialType = new NyneApi();

interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** What n8n's CredentialsTester.testCredentials does for a credential with a declarative `test` (n8n 1.123 to 2.41). */
async function testCredential(
	credentials: NyneTestCredentials,
	signed: IHttpRequestOptions[],
): Promise<TestResult> {
	const test = credentialType.test;
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'cred1', name: 'Nyne' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = additionalDataFor(credentials) as IWorkflowExecuteAdditionalData;
	const helper = additionalData.credentialsHelper;
	const authenticate = helper.authenticate.bind(helper);
	// Records each request the credential signed; one signed for another machine is stopped here, so that even a
	// credential that fails this test never sends its key anywhere but this machine.
	helper.authenticate = async (...args: Parameters<typeof authenticate>) => {
		const options = (await authenticate(...args)) as IHttpRequestOptions;
		signed.push(options);
		if (new URL(options.url, options.baseURL).hostname !== '127.0.0.1')
			throw new Error(`the test would have sent the key to ${options.baseURL}`);
		return options;
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as unknown as IRunExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = {
		id: 'cred1',
		name: 'Nyne',
		type: credentialType.name,
		data: credentials as unknown as ICredentialDataDecryptedObject,
	};
	let response;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number }; code?: string } }).cause;
		if (cause?.response) return { status: 'Error', message: `HTTP ${cause.response.status}` };
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json as Record<string, unknown>;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], json);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

describe('the credential test on save', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({});
	});
	afterAll(() => sandbox.close());
	const usageReads = () => sandbox.control.stats().byEndpoint['GET /usage'] ?? 0;

	it('reads GET /usage on a sandbox on this machine, and says when the key is wrong', async () => {
		const good = {
			apiKey: sandbox.apiKey,
			apiSecret: sandbox.apiSecret,
			baseUrl: `${sandbox.url}/`,
		};
		const before = usageReads();
		expect(await testCredential(good, [])).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await testCredential({ ...good, apiSecret: 'not-the-secret' }, []);
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/secret/i);
		expect(usageReads()).toBe(before + 2);
	});

	it.each(['http://nyne.example.com', 'http://10.0.0.5:8787', 'http://sandbox:8787'])(
		'refuses the http:// base URL %s off this machine before the key and secret are attached or sent',
		async (baseUrl) => {
			const signed: IHttpRequestOptions[] = [];
			const result = await testCredential(
				{ apiKey: 'k-never-sent', apiSecret: 's-never-sent', baseUrl },
				signed,
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/must start with https:\/\/ \(http:\/\/ is allowed only for a sandbox on this machine/,
			);
			expect(result.message).not.toMatch(/never-sent/);
			expect(signed).toEqual([]);
		},
	);
});
