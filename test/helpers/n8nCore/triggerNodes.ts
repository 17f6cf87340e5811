import type { INode, INodeParameters } from 'n8n-workflow';

/** A node of the package (`n8n-nodes-nyne.<type>`) as a workflow holds it. */
function packageNode(type: string, name: string, id: string, extra: Partial<INode>): INode {
	return {
		id,
		name,
		type: `n8n-nodes-nyne.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...extra,
	};
}

/** The Nyne Trigger as a workflow holds it. */
export const nyneTriggerNode = (id: string, parameters: INodeParameters): INode =>
	packageNode('nyneTrigger', 'Nyne Trigger', id, { parameters });

/** The Nyne Follower Trigger as a workflow holds it, with the sandbox credential. */
export const followerTriggerNode = (id: string, parameters: INodeParameters): INode =>
	packageNode('nyneFollowerTrigger', 'Nyne Follower Trigger', id, {
		parameters,
		credentials: { nyneApi: { id: 'cred1', name: 'Nyne sandbox' } },
	});
