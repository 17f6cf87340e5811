/** The node's parameters for Get Followers of each item's `url` (12 at most), answered at once with the request. */
export const dontWaitLookup = (extra: Record<string, unknown> = {}) => ({
	resource: 'interaction',
	operation: 'getFollowers',
	socialMediaUrl: '={{ $json.url }}',
	maxResults: 12,
	waitMode: 'none',
	...extra,
});
