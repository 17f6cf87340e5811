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
	nodes: Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }>;
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

async function call<T>(
	instance: N8nInstance,
	session: SessionHeaders,
	method: string,
	path: string,
	body: unknown,
): Promise<T> {
	const response = await fetch(`${instance.baseUrl}/rest${path}`, {
		method,
		headers: session,
		body: JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text}`);
	return (JSON.parse(text) as { data: T }).data;
}

export async function importInEditor(
	instance: N8nInstance,
	session: SessionHeaders,
	{ credentials = [], workflows = [], publish = [] }: EditorImport,
): Promise<void> {
	const credentialIds = new Map<string, string>();
	for (const { id, name, type, data } of credentials) {
		const created = await call<{ id: string }>(instance, session, 'POST', '/credentials', {
			name,
			type,
			data,
		});
		credentialIds.set(id, created.id);
	}
	const versionIds = new Map<ImportableWorkflow, string>();
	for (const workflow of workflows) {
		for (const node of workflow.nodes)
			for (const [type, ref] of Object.entries(node.credentials ?? {}))
				node.credentials![type] = { ...ref, id: credentialIds.get(ref.id) ?? ref.id };
		const { id, name, nodes, connections, settings, pinData } = workflow;
		const created = await call<{ id: string; versionId: string }>(
			instance,
			session,
			'POST',
			'/workflows',
			{ id, name, nodes, connections, settings: settings ?? {}, pinData: pinData ?? {}, active: false },
		);
		workflow.id = created.id;
		versionIds.set(workflow, created.versionId);
	}
	for (const workflow of publish)
		await call(instance, session, 'POST', `/workflows/${workflow.id}/activate`, {
			versionId: versionIds.get(workflow),
		});
}

/** Whether n8n holds the workflow as published (active), as its editor reads it. */
export async function isPublished(
	instance: N8nInstance,
	session: SessionHeaders,
	workflow: ImportableWorkflow,
): Promise<boolean> {
	const response = await fetch(`${instance.baseUrl}/rest/workflows/${workflow.id}`, {
		headers: session,
	});
	if (!response.ok) throw new Error(`GET workflow ${workflow.id}: ${response.status}`);
	return ((await response.json()) as { data: { active?: boolean } }).data.active === true;
}
