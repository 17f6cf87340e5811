/** The stored-credential JSON `n8n import:credentials` reads, for the package's `nyneApi` type. */
export const NYNE_CREDENTIAL_ID = 'nyneSandboxCred01';
export const NYNE_CREDENTIAL_NAME = 'Nyne sandbox';

export interface SandboxAccess {
	url: string;
	apiKey: string;
	apiSecret: string;
}

export function nyneCredential(
	sandbox: SandboxAccess,
	id = NYNE_CREDENTIAL_ID,
	name = NYNE_CREDENTIAL_NAME,
) {
	return {
		id,
		name,
		type: 'nyneApi',
		data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
	};
}

/** How a node refers to that credential. */
export function nyneCredentialRef(id = NYNE_CREDENTIAL_ID, name = NYNE_CREDENTIAL_NAME) {
	return { nyneApi: { id, name } };
}
