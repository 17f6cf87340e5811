import type { INodePropertyOptions } from 'n8n-workflow';

/** A canvas subtitle that shows the chosen option's name ("New Follower"), not its value ("newFollower"). */
export function optionNameSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	const read = `$parameter[${JSON.stringify(parameter)}]`;
	const branches = options
		.map(
			(option) => `${read} === ${JSON.stringify(option.value)} ? ${JSON.stringify(option.name)} : `,
		)
		.join('');
	return `={{ ${branches}${read} }}`;
}
