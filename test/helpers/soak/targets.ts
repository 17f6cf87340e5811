import { buildInteractionRequest, type InteractionRequestBody } from '../../../shared';

export interface SoakLookup {
	/** The sandbox's submissionsByTarget key for this lookup's target. */
	key: string;
	body: InteractionRequestBody;
	/** Targets named nodata* have no data in the sandbox: their lookup fails on purpose. */
	noData: boolean;
}

const KINDS = ['followers', 'following', 'followers,following', 'replies', 'instagram'] as const;

/** `count` lookups, each of a different target, across every type and platform; every 15th has no data. */
export function soakLookups(
	count: number,
	prefix: string,
	options: { callbackUrl?: string; noData?: boolean } = {},
): SoakLookup[] {
	return Array.from({ length: count }, (_, i) => {
		const kind = KINDS[i % KINDS.length];
		const noData = options.noData !== false && i % 15 === 7;
		const name = `${noData ? 'nodata' : ''}${prefix}${i}`.slice(0, 15);
		const maxResults = 10 + ((i * 37) % 290);
		const callbackUrl = options.callbackUrl;
		if (kind === 'replies') {
			const postId = String(1_700_000_000 + i * 10 + 1) + (noData ? '0000' : '');
			return {
				key: `twitter:status:${postId}`,
				noData,
				body: buildInteractionRequest({
					type: 'replies',
					socialMediaUrl: `https://x.com/${name}/status/${postId}`,
					maxResults,
					callbackUrl,
				}),
			};
		}
		if (kind === 'instagram') {
			return {
				key: `instagram:${name.toLowerCase()}`,
				noData,
				body: buildInteractionRequest({
					type: 'following',
					socialMediaUrl: `https://instagram.com/${name}`,
					maxResults,
					callbackUrl,
				}),
			};
		}
		return {
			key: `twitter:${name.toLowerCase()}`,
			noData,
			body: buildInteractionRequest({
				type: kind,
				socialMediaUrl: `https://twitter.com/${name}`,
				maxResults,
				callbackUrl,
			}),
		};
	});
}

/** Job length in API ms, spread over 3 to 45 s so polls land on every phase. */
export function soakJobDuration(job: { username?: string; postId?: string }): number {
	const text = job.postId ?? job.username ?? '';
	let hash = 0;
	for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return 3_000 + (hash % 42_000);
}

/** Identity of a person in a result: the same account may appear once per relation. */
export function personKey(person: { username: string; relation?: unknown }): string {
	return `${person.username}|${String(person.relation ?? '')}`;
}
