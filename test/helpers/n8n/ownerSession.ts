// The owner of a running n8n, over the REST calls its editor makes: set up once, then signed in.
import type { N8nInstance } from './n8nEnv';

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
