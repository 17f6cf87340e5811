// The owner of a running n8n, over the REST calls its editor makes: set up once, then signed in, then running
// workflows the way the editor's "Execute workflow" button does. One `n8n start` then serves every run of a suite,
// where each `n8n execute` would boot n8n anew.
import { readExecution, type StoredExecution } from './executions';
import type { N8nInstance } from './n8nEnv';
import type { WorkflowJson } from './workflows';

/** A workflow that starts from a Manual Trigger, as imported. */
export type ManualWorkflow = Pick<WorkflowJson, 'id' | 'name'> & {
	nodes: Array<{ name: string; type: string }>;
};

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** n8n needs an owner account before anyone can log in: the same REST call its set-up page makes. */
export async function setUpOwner(instance: N8nInstance): Promise<Owner> {
	const owner = {
		email: 'owner@nyne.local',
		password: 'NyneEditor2026',
		firstName: 'Nyne',
		lastName: 'Editor',
	};
	const response = await fetch(`${instance.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!response.ok)
		throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
	return owner;
}

/** The headers of a signed-in editor tab: n8n ties its auth cookie to the tab's browser id. */
export type SessionHeaders = Record<'cookie' | 'browser-id' | 'content-type', string>;

export async function signIn(instance: N8nInstance, owner: Owner): Promise<SessionHeaders> {
	const browserId = 'nyne-e2e-browser';
	const login = await fetch(`${instance.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	return { cookie, 'browser-id': browserId, 'content-type': 'application/json' };
}

/** A fresh instance's owner, set up and signed in. */
export async function ownerSession(instance: N8nInstance): Promise<SessionHeaders> {
	return await signIn(instance, await setUpOwner(instance));
}

const ENDED = new Set(['success', 'error', 'canceled', 'crashed']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs an imported workflow from its Manual Trigger as the editor does (a manual execution: n8n 1.x and 2.8 take the
 * workflow in the body, 2.41 reads it from its database and ignores it), then reads the ended execution from n8n's
 * database. Never throws on a failed workflow: the execution's status and data say how it ended.
 */
export async function runManually(
	instance: N8nInstance,
	session: SessionHeaders,
	workflow: ManualWorkflow,
	options: { timeoutMs?: number } = {},
): Promise<StoredExecution> {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.name} has no Manual Trigger to run from`);
	const response = await fetch(`${instance.baseUrl}/rest/workflows/${workflow.id}/run`, {
		method: 'POST',
		headers: session,
		body: JSON.stringify({
			workflowData: workflow,
			triggerToStartFrom: { name: trigger.name },
		}),
	});
	const answer = (await response.json()) as { data?: { executionId?: string } };
	const executionId = answer.data?.executionId;
	if (!response.ok || !executionId)
		throw new Error(`manual run of ${workflow.name} not started: ${response.status} ${JSON.stringify(answer)}`);

	const deadline = Date.now() + (options.timeoutMs ?? 180_000);
	let last: StoredExecution | undefined;
	while (Date.now() < deadline) {
		last = await readExecution(instance, executionId);
		if (last && ENDED.has(last.status)) return last;
		await sleep(250);
	}
	throw new Error(
		`manual run ${executionId} of ${workflow.name} did not end; last status: ${last?.status ?? 'none'}`,
	);
}
