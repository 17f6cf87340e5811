import { toInteractionItems, type InteractionResult } from '../shared';
import { sized } from './mode';

const RESULTS = sized(1000, 100);
const PEOPLE = sized(1000, 100);

function result(index: number): InteractionResult {
	return {
		interaction_type: 'followers,following',
		source_platform: 'twitter',
		target: {
			username: `target${index}`,
			display_name: `Target ${index}`,
			profile_url: `https://twitter.com/target${index}`,
		},
		interactions: Array.from({ length: PEOPLE }, (_, i) => ({
			username: `user${index}_${i}`,
			display_name: `User ${i}`,
			profile_url: `https://twitter.com/user${index}_${i}`,
			bio: 'Engineer. Into AI and coffee.',
			followers_count: i * 7,
			following_count: i * 3,
			verified: i % 50 === 0,
			relation: i % 2 === 0 ? 'follower' : 'following',
		})),
		total_count: PEOPLE,
	};
}

/** Runs in its own process (node --expose-gc) so heap figures are not mixed with the rest of the bench. */
function main(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	const results = Array.from({ length: RESULTS }, (_, i) => result(i));
	gc?.();
	const before = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const items = results.map((entry, i) =>
		toInteractionItems(entry, {
			request_id: `interaction_${i}_1`,
			platform: 'twitter',
			interaction_type: 'followers,following',
		}),
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	gc?.();
	const after = process.memoryUsage().heapUsed;
	const count = items.reduce((sum, list) => sum + list.length, 0);
	process.stdout.write(
		JSON.stringify({
			results: RESULTS,
			people: PEOPLE,
			items: count,
			ms,
			heapMb: (after - before) / 1_048_576,
			gc: Boolean(gc),
		}),
	);
}

main();
