// Asks the sandbox directly (plain HTTP, no package code) what a lookup returns: the oracle for what
// the nodes should have put into n8n. The sandbox is deterministic: same input, same people.
import type { SandboxAccess } from './credentials';

export interface DirectPerson {
	username: string;
	relation?: string;
	[k: string]: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function directLookup(
	sandbox: SandboxAccess,
	body: { type: string; social_media_url: string; max_results?: number },
): Promise<DirectPerson[]> {
	const headers = {
		'content-type': 'application/json',
		'x-api-key': sandbox.apiKey,
		'x-api-secret': sandbox.apiSecret,
	};
	const submitted = await fetch(`${sandbox.url}/person/interactions`, {
		method: 'POST',
		headers,
		body: JSON.stringify(body),
	});
	const submittedJson = (await submitted.json()) as { data?: { request_id?: string } };
	const requestId = submittedJson.data?.request_id;
	if (!requestId)
		throw new Error(`sandbox refused ${JSON.stringify(body)}: ${JSON.stringify(submittedJson)}`);
	for (let attempt = 0; attempt < 200; attempt++) {
		await sleep(100);
		const response = await fetch(
			`${sandbox.url}/person/interactions?request_id=${encodeURIComponent(requestId)}`,
			{ headers },
		);
		if (response.status === 404) continue;
		const json = (await response.json()) as {
			data?: { status?: string; result?: { interactions?: DirectPerson[] } };
		};
		if (json.data?.status === 'completed') return json.data.result?.interactions ?? [];
		if (json.data?.status === 'failed')
			throw new Error(`direct lookup failed: ${JSON.stringify(json.data)}`);
	}
	throw new Error(`direct lookup ${requestId} did not complete`);
}
