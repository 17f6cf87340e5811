import type { Relation } from '../types.js';

export interface LostPersonMeta {
	platform: string;
	interactionType: string;
	relation: Relation;
	targetUsername: string;
	/** The lookup that found the person missing the second time. */
	requestId: string;
}

/** A person who left: only the username is remembered, so the item says who, where and when it was noticed. */
export type LostPersonItem = {
	username: string;
	profile_url: string;
	platform: string;
	interaction_type: string;
	relation: Relation;
	target_username: string;
	request_id: string;
};

export function profileUrlOf(platform: string, username: string): string {
	return platform === 'instagram'
		? `https://www.instagram.com/${username}/`
		: `https://x.com/${username}`;
}

export function toLostPersonItem(username: string, meta: LostPersonMeta): LostPersonItem {
	return {
		username,
		profile_url: profileUrlOf(meta.platform, username),
		platform: meta.platform,
		interaction_type: meta.interactionType,
		relation: meta.relation,
		target_username: meta.targetUsername,
		request_id: meta.requestId,
	};
}
