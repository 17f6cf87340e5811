import type { IDataObject } from 'n8n-workflow';

/** Signed callback URLs remembered per trigger: more than one key can start in the lifetime of a URL. */
export const MAX_REMEMBERED_REFERENCES = 3000;

/** Per n8n process, so two calls arriving at the same moment are caught before static data is saved. */
const inProcess = new Map<string, string[]>();

export type ReferenceUse = 'first' | 'repeat' | 'reused';

/**
 * A signed callback URL delivers one lookup. Its first use keeps its nonce with the request it delivered; Nyne's
 * retries of that callback are repeats; a call with the same URL about any other request is a reuse, refused,
 * so a replayed URL cannot lend its reference to another lookup's people.
 */
export function claimReference(
	staticData: IDataObject,
	scope: string,
	nonce: string,
	requestId: string,
): ReferenceUse {
	const stored = Array.isArray(staticData.usedReferences)
		? (staticData.usedReferences as string[])
		: [];
	const local = inProcess.get(scope) ?? [];
	const entry = [...stored, ...local].find((used) => used.startsWith(`${nonce} `));
	if (entry !== undefined) return entry === `${nonce} ${requestId}` ? 'repeat' : 'reused';
	const keep = (list: string[]) =>
		[...list, `${nonce} ${requestId}`].slice(-MAX_REMEMBERED_REFERENCES);
	staticData.usedReferences = keep(stored);
	inProcess.set(scope, keep(local));
	return 'first';
}
