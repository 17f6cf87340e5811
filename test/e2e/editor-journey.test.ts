// A new user's first minutes with the package in n8n's editor, in Chromium, on the newest pinned n8n and on
// 2.8.4: see suites/editorJourney.ts.
import { describeEditorJourney } from './suites/editorJourney';
import { latest, n8n2, N8N_TARGETS } from './suites/targets';

for (const target of N8N_TARGETS.filter((candidate) => [latest, n8n2].includes(candidate)))
	describeEditorJourney(target);
