import { buildInteractionRequest, collectLookup, type LookupView } from '../shared';
import { renderLookup, type OutputShape } from '../nodes/common/output';
import { fixed, table } from './format';
import { sized } from './mode';
import { startWorld } from './world';

const PEOPLE = sized(1000, 100);
const PROFILE = 'https://x.com/bigaccount';

/** What n8n hands the AI agent for a tool call: the node's output items' JSON. */
function answerBytes(view: LookupView, shape: OutputShape): number {
	return Buffer.byteLength(JSON.stringify(renderLookup(view, shape)));
}

/** The Nyne node's answer to an AI agent for a 1000-follower lookup (100 in a quick run), in each Output choice, from the sandbox. */
export async function toolAnswerBench(): Promise<string> {
	const world = await startWorld(0.001);
	try {
		const client = world.client({ limiter: false });
		const submitted = await client.submit(
			buildInteractionRequest({ type: 'followers', socialMediaUrl: PROFILE, maxResults: PEOPLE }),
		);
		const view = await collectLookup(client, submitted.request_id, { timeoutMs: 600_000 });
		const simplified = renderLookup(view, 'simplified')[0] as {
			people: unknown[];
			people_omitted: number;
		};
		const row = (label: string, shape: OutputShape, detail: string): string[] => {
			const bytes = answerBytes(view, shape);
			return [
				label,
				`${fixed(bytes / 1024)} KB`,
				`${bytes.toLocaleString('en')} B, ~${Math.round(bytes / 4).toLocaleString('en')} tokens at 4 B/token; ${detail}`,
			];
		};
		return table([
			[`tool answer for ${PEOPLE} people (JSON)`, 'size', 'detail'],
			row(
				'before: Output "One Item per Person" (the old default)',
				'split',
				`${view.people.length} items, every field`,
			),
			row(
				'before: Output "One Item with the Whole Result"',
				'single',
				`1 item, ${view.people.length} people, every field`,
			),
			row(
				"now: Simplify (a tool call's default)",
				'simplified',
				`1 item, ${simplified.people.length} people with their few most useful fields, ${simplified.people_omitted} in people_omitted`,
			),
		]);
	} finally {
		await world.sandbox.close();
	}
}
