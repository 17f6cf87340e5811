/**
 * The same 300-lookup batch through the n8n node in a real n8n would run on n8n's real clock: the core's limiter
 * keeps it under 60 requests a minute, so 600 requests take at least 10 real minutes, the whole bench's budget.
 */
export async function n8nBatchRow(): Promise<{ row: string[]; note: string }> {
	return {
		row: ['n8n node in real n8n (300 items)', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'],
		note: 'n8n row n/a: a real n8n runs on real time, and 600 requests at 60/min need at least 10 real minutes, the whole bench budget; test/e2e proves the node end to end instead.',
	};
}
