import type { INodeProperties } from 'n8n-workflow';

import type { InteractionType } from '../../../../shared';
import type { HintedOption } from '../../../common/builderHints';
import { socialMediaUrlField } from '../../../common/fields';

/**
 * What one lookup operation is: its option in the Operation list (with a note to AI builders), the core's
 * interaction type, and its URL field (with the URL forms an AI builder may fill in).
 */
export interface LookupSpec {
	operation: string;
	type: InteractionType;
	option: HintedOption;
	urlPlaceholder: string;
	urlHint: string;
	urlBuilderHint: string;
}

/** The operation's own field; the fields every lookup shares are in lookupFields.ts. */
export function lookupDescription(spec: LookupSpec): INodeProperties[] {
	return [socialMediaUrlField(spec.urlPlaceholder, spec.urlHint, spec.urlBuilderHint)];
}
