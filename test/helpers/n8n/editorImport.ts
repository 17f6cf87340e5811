// Credentials and workflows created and published in a running n8n over the REST calls its editor makes, where
// `n8n import:*` and `publish:workflow` would each boot n8n once more. n8n 1.x gives every created credential and
// workflow a new id (2.x keeps a workflow's), so the workflows passed in take the ids n8n gave them: a test's
// later `workflow.id` is the one n8n knows.
import type { SessionHeaders } from './ownerSession';
import type { N8nInstance } from './n8nEnv';

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as `n8n import:workflow` reads it; only what the editor sends when it saves one is read. */
export interface ImportableWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	connections: unknown;
	settings?: unknown;
	pinData?: unknown;
}

export interface EditorImport {
	credentials?: CredentialJson[];
	workflows?: ImportableWorkflow[];
	/** Of `workflows`, those to publish (activate), in this order. */
	publish?: ImportableWorkflow[];
}

/** One REST call as the signed-in editor; the answer's `data`, or an error with n8n's own words. */
export async function editorCall<T>(
	instance: N8nInstance,
	session: SessionHeaders,
	method: string,
	path: string,
	body: unknown,
): Promise<T> {
	const response = await fetch(`${instance.baseUrl}/rest${path}`, {
		method,
		headers: session,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text}`);
	return (JSON.parse(text) as { data: T }).data;
}

/** Returns the id n8n gave each credential, by the id it was given as. */
export async function importInEditor(
	instance: N8nInstance,
	session: SessionHeaders,
	{ credentials = [], workflows = [], publish = [] }: EditorImport,
): Promise<Map<string, string>> {
	const credentialIds = new Map<string, string>();
	for (const { id, name, type, data } of credentials) {
		const created = await editorCall<{ id: string }>(instance, session, 'POST', '/credentials', {
			name,
			type,
			data,
		});
		credentialIds.set(id, created.id);
	}
	for (const workflow of workflows) {
		for (const node of workflow.nodes)
			for (const [type, ref] of Object.entries(node.credentials ?? {}))
				node.credentials![type] = { ...ref, id: credentialIds.get(ref.id) ?? ref.id };
		const { id, name, nodes, connections, settings, pinData } = workflow;
		const created = await editorCall<{ id: string }>(instance, session, 'POST', '/workflows', {
			id,
			name,
			nodes,
			connections,
			settings: settings ?? {},
			pinData: pinData ?? {},
			active: false,
		});
		workflow.id = created.id;
	}
	for (const workflow of publish) await publishInEditor(instance, session, workflow);
	return credentialIds;
}

/** A saved workflow as the editor reads it. */
export async function savedWorkflow<T extends object = { versionId: string; active?: boolean }>(
	instance: N8nInstance,
	session: SessionHeaders,
	workflowId: string,
): Promise<T> {
	return await editorCall<T>(instance, session, 'GET', `/workflows/${workflowId}`, undefined);
}

/** Saves changes to a workflow, as the editor's Save does. */
export async function saveWorkflow(
	instance: N8nInstance,
	session: SessionHeaders,
	workflowId: string,
	changes: Record<string, unknown>,
): Promise<void> {
	await editorCall(instance, session, 'PATCH', `/workflows/${workflowId}`, changes);
}

/** Publishes (activates) a saved workflow's current version, as the editor's Publish button does. */
export async function publishInEditor(
	instance: N8nInstance,
	session: SessionHeaders,
	workflow: { id: string },
): Promise<void> {
	const { versionId } = await savedWorkflow(instance, session, workflow.id);
	await editorCall(instance, session, 'POST', `/workflows/${workflow.id}/activate`, { versionId });
}

/** Whether n8n holds the workflow as published (active), as its editor reads it. */
export async function isPublished(
	instance: N8nInstance,
	session: SessionHeaders,
	workflow: { id: string },
): Promise<boolean> {
	return (await savedWorkflow(instance, session, workflow.id)).active === true;
}
