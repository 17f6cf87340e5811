import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	IPollFunctions,
} from 'n8n-workflow';

import {
	CREDITS_PER_LOOKUP,
	creditsPerDay,
	DEFAULT_CHECK_EVERY_HOURS,
	HOUR_MS,
} from '../../shared';
import { PROFILE_URL_HINT, WATCH_MAX_RESULTS_HINT } from '../common/builderHints';
import type { HintedNodeDescription, HintedProperty } from '../common/builderHints';
import { maxResultsField, socialMediaUrlField } from '../common/fields';
import { optionNameSubtitle } from '../common/subtitle';
import { NYNE_FOLLOWER_TRIGGER_BUILDER_HINT } from './builderHint';
import { pollFollowers } from './pollFollowers';

const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Lost Follower',
		value: 'lostFollower',
		description: 'Someone stopped following the profile (missing from two lookups in a row)',
	},
	{
		name: 'New Follower',
		value: 'newFollower',
		description: 'Someone started following the profile',
	},
	{
		name: 'New Following',
		value: 'newFollowing',
		description: 'The profile started following someone',
	},
	{
		name: 'Stopped Following',
		value: 'lostFollowing',
		description: 'The profile stopped following someone (missing from two lookups in a row)',
	},
];

export class NyneFollowerTrigger implements INodeType {
	description: HintedNodeDescription = {
		displayName: 'Nyne Follower Trigger',
		name: 'nyneFollowerTrigger',
		icon: { light: 'file:nyneFollowerTrigger.svg', dark: 'file:nyneFollowerTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionNameSubtitle('event', EVENT_OPTIONS),
		description:
			'Starts the workflow when a profile gains or loses followers, or follows or unfollows someone',
		defaults: { name: 'Nyne Follower Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nyneApi', required: true }],
		builderHint: NYNE_FOLLOWER_TRIGGER_BUILDER_HINT,
		properties: [
			{
				displayName:
					`Each lookup costs ${CREDITS_PER_LOOKUP} credits: at Check Every (Hours) = ` +
					`${DEFAULT_CHECK_EVERY_HOURS} this trigger spends ${creditsPerDay(DEFAULT_CHECK_EVERY_HOURS * HOUR_MS)} ` +
					`credits a day (${CREDITS_PER_LOOKUP} × 24 ÷ hours), plus one lookup when it is turned on. ` +
					'Polls in between cost nothing; changes show up on the first poll after a lookup finishes. ' +
					'The first lookup only records who is there.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			socialMediaUrlField(
				'https://x.com/nyne_ai',
				'The profile to watch (Twitter/X; Instagram for following)',
				PROFILE_URL_HINT,
			),
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'newFollower',
				options: EVENT_OPTIONS,
			},
			{
				displayName: 'Check Every (Hours)',
				name: 'checkEveryHours',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: DEFAULT_CHECK_EVERY_HOURS,
				description:
					"How often a new lookup may start, independent of the trigger's poll times; polls in between only read a finished lookup, for free",
				hint: `${CREDITS_PER_LOOKUP} × 24 ÷ hours credits a day: 24 hours costs ${CREDITS_PER_LOOKUP} credits a day, 1 hour ${CREDITS_PER_LOOKUP * 24}`,
				builderHint: {
					propertyHint: `Whole hours between lookups (${CREDITS_PER_LOOKUP} credits each): 24 costs ${CREDITS_PER_LOOKUP} credits a day, 1 costs ${CREDITS_PER_LOOKUP * 24}. Keep the default unless the user asks for faster alerts.`,
				},
			} satisfies HintedProperty,
			maxResultsField(
				'Nyne lists at most this many people, newest first (100 when empty). Lost events come only from ' +
					"complete lists, so set this above the profile's count.",
				WATCH_MAX_RESULTS_HINT,
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollFollowers.call(this);
	}
}
