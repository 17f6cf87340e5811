import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { maxResultsField, socialMediaUrlField } from '../common/fields';
import { pollFollowers } from './pollFollowers';

export class NyneFollowerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nyne Follower Trigger',
		name: 'nyneFollowerTrigger',
		icon: { light: 'file:nyneFollowerTrigger.svg', dark: 'file:nyneFollowerTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow when a profile gains or loses followers, or follows or unfollows someone',
		defaults: { name: 'Nyne Follower Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nyneApi', required: true }],
		properties: [
			{
				displayName:
					'Each poll starts a lookup and the next poll collects it, so changes show up one ' +
					'poll interval later. The first lookup only records who is there.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			socialMediaUrlField(
				'https://x.com/nyne_ai',
				'The profile to watch (Twitter/X; Instagram for following)',
			),
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'newFollower',
				options: [
					{
						name: 'Lost Follower',
						value: 'lostFollower',
						description:
							'Someone stopped following the profile (missing from two lookups in a row)',
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
						description:
							'The profile stopped following someone (missing from two lookups in a row)',
					},
				],
			},
			maxResultsField(
				"Each lookup costs 3 credits. Lost-follower events need the whole list, so set this above the profile's count.",
			),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollFollowers.call(this);
	}
}
