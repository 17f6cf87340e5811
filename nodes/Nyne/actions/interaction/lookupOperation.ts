import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { InteractionType } from '../../../../shared';
import { socialMediaUrlField } from '../../../common/fields';

/** What one lookup operation is: its option in the Operation list, the core's interaction type, and its URL field. */
export interface LookupSpec {
	operation: string;
	type: InteractionType;
	option: INodePropertyOptions;
	urlPlaceholder: string;
	urlHint: string;
}

/** The operation's own field; the fields every lookup shares are in lookupFields.ts. */
export function lookupDescription(spec: LookupSpec): INodeProperties[] {
	return [socialMediaUrlField(spec.urlPlaceholder, spec.urlHint)];
}
