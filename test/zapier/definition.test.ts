import { describe, expect, it } from 'vitest';

import { DEFAULT_BASE_URL } from '../../shared';
import { App, appTester, authFor, rejectionOf, shownMessage } from '../helpers/zapier/harness';
import {
	cloneDefinition,
	definitionProblems,
	isTitleCase,
	sampleProblems,
	steps,
	type OutputField,
} from '../helpers/zapier/definitionChecks';

/*
 * Zapier's integration checks that can be judged without Zapier's servers, run over the app definition
 * itself (the object `zapier-platform push` uploads). The checks live in definitionChecks.ts; the
 * control cases below show each one can fail.
 */

describe('Zapier app definition: the publishing checks that can be judged offline', () => {
	it('walks every trigger, create and search', () => {
		const keys = steps(App).map((step) => `${step.kind}.${step.key}`);
		expect(keys).toEqual(
			expect.arrayContaining([
				'triggers.interaction_results',
				'triggers.new_follower',
				'triggers.new_following',
				'triggers.new_reply',
				'triggers.lost_follower',
				'triggers.recent_lookup',
				'creates.start_interaction_lookup',
				'creates.fetch_interactions',
				'searches.find_interaction_request',
			]),
		);
	});

	it('meets every check: naming, descriptions, samples, output fields, dropdowns', () => {
		expect(definitionProblems(App)).toEqual([]);
	});

	it('names the connection', () => {
		expect(typeof App.authentication?.connectionLabel).toBe('function');
	});

	it('talks to the API over HTTPS only, http:// only for a sandbox on this machine, before any request', async () => {
		expect(DEFAULT_BASE_URL).toMatch(/^https:\/\//);
		const baseUrlField = App.authentication?.fields?.find((f) => f.key === 'base_url');
		expect(baseUrlField?.default).toBe(DEFAULT_BASE_URL);
		const error = await rejectionOf(
			appTester(App.authentication?.test as never, {
				authData: authFor('http://api.nyne.example'),
			}),
		);
		expect(shownMessage(error)).toMatch(/must start with https:\/\//);
	});

	it('declares the people as line items, with one child field per person field', () => {
		const lookupFields = App.creates.fetch_interactions.operation.outputFields as OutputField[];
		const people = lookupFields.find((field) => field.key === 'interactions');
		expect(people?.children?.map((child) => child.key)).toEqual(
			expect.arrayContaining(['id', 'username', 'profile_url', 'request_id']),
		);
	});
});

describe('Zapier app definition checks: each can fail', () => {
	const clone = () => cloneDefinition(App) as unknown as Record<string, Record<string, unknown>>;
	const step = (app: Record<string, Record<string, unknown>>, kind: string, key: string) =>
		(
			app[kind] as Record<
				string,
				{ display: Record<string, unknown>; operation: Record<string, unknown> }
			>
		)[key] as { display: Record<string, unknown>; operation: Record<string, unknown> };

	it('Title Case: small words stay lower case inside, everything else is capitalised', () => {
		expect(isTitleCase('Interaction Lookup Completed')).toBe(true);
		expect(isTitleCase('Check Every (Hours)')).toBe(true);
		expect(isTitleCase('Followers of an Account')).toBe(true);
		expect(isTitleCase('Interaction lookup completed')).toBe(false);
		expect(isTitleCase('of Followers')).toBe(false);
	});

	it('finds a lower-case label, a trigger description not starting "Triggers when", and a create named like a search', () => {
		const app = clone();
		step(app, 'triggers', 'new_follower').display.label = 'New follower';
		step(app, 'triggers', 'new_reply').display.description = 'Fires for each new reply.';
		step(app, 'creates', 'fetch_interactions').display.label = 'Find Social Interactions';
		expect(definitionProblems(app)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/triggers\.new_follower: label "New follower" is not in Title Case/),
				expect.stringMatching(/triggers\.new_reply: description must start "Triggers when"/),
				expect.stringMatching(
					/creates\.fetch_interactions: a create named "Find …" reads as a search/,
				),
			]),
		);
	});

	it('finds a sample field that no output field declares, a required field missing from it, and a non-ISO date', () => {
		const fields: OutputField[] = [
			{ key: 'id', label: 'ID' },
			{ key: 'created_on', label: 'Created On', type: 'datetime' },
			{ key: 'people', label: 'People', children: [{ key: 'username', label: 'Username' }] },
			{ key: 'gone', label: 'Gone', required: true },
		];
		const sample = {
			id: 'x',
			created_on: '15/01/2025 10:30',
			people: [{ username: 'a', extra: 1 }],
			undeclared: true,
		};
		expect(sampleProblems('t', sample, fields, { polling: true })).toEqual(
			expect.arrayContaining([
				't: sample field "undeclared" has no output field',
				't: sample field "people[].extra" has no output field',
				't: output field "gone" is missing from the sample',
				't: "created_on" is a date but the sample has "15/01/2025 10:30", not ISO-8601',
			]),
		);
		expect(
			sampleProblems('t', { name: 'x' }, [{ key: 'name', label: 'Name' }], { polling: true }),
		).toEqual(['t: a polling trigger sample needs an "id"']);
	});

	it('finds a typed-in ID field that has no dropdown, and a list without children', () => {
		const app = clone();
		const search = step(app, 'searches', 'find_interaction_request');
		const inputFields = search.operation.inputFields as Array<Record<string, unknown>>;
		delete (inputFields[0] as Record<string, unknown>).dynamic;
		const fetch = step(app, 'creates', 'fetch_interactions');
		const outputFields = fetch.operation.outputFields as OutputField[];
		const people = outputFields.find((field) => field.key === 'interactions') as OutputField;
		delete people.children;
		expect(definitionProblems(app)).toEqual(
			expect.arrayContaining([
				'searches.find_interaction_request: "request_id" is typed by hand; give it a dropdown (dynamic)',
				'creates.fetch_interactions: "interactions" is a list of records but declares no children (line items)',
			]),
		);
	});
});
