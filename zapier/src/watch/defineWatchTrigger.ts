import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';

import { withZapierErrors } from '../errors.js';
import { watchFields } from './watchFields.js';
import { sampleEvent, watchOutputFields } from '../samples.js';
import type { WatchEvent } from './watchItems.js';
import { pollWatch } from './pollWatch.js';
import type { WatchSpec } from './watchSpec.js';

export interface WatchTriggerText {
	noun: string;
	label: string;
	description: string;
	urlHelp: string;
}

/** A polling trigger over the core watch: same inputs, state and rules for every watched list. */
export function defineWatchTrigger(spec: WatchSpec, text: WatchTriggerText) {
	const perform = (z: ZObject, bundle: Bundle): Promise<WatchEvent[]> =>
		withZapierErrors(z, () => pollWatch(z, bundle, spec));
	return defineTrigger({
		key: spec.key,
		noun: text.noun,
		display: { label: text.label, description: text.description },
		operation: {
			type: 'polling',
			inputFields: watchFields(text.urlHelp),
			perform,
			sample: sampleEvent(spec),
			outputFields: watchOutputFields(spec),
		},
	});
}
