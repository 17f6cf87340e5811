/*
 * Zapier's publishing checks that can be judged from the app definition alone (naming, descriptions,
 * samples, output fields, dropdowns), as one list of problems. Each rule is one function below.
 */

export interface OutputField {
	key: string;
	label?: string;
	type?: string;
	required?: boolean;
	children?: OutputField[];
}

interface InputField {
	key: string;
	label?: string;
	type?: string;
	dynamic?: string;
	search?: string;
}

interface Step {
	kind: 'triggers' | 'creates' | 'searches';
	key: string;
	noun?: string;
	display: { label?: string; description?: string; hidden?: boolean };
	operation: {
		type?: string;
		inputFields?: unknown[];
		outputFields?: unknown[];
		sample?: unknown;
	};
}

type Definition = object;

const KINDS = ['triggers', 'creates', 'searches'] as const;
/** Words Title Case leaves in lower case unless they open the label. */
const SMALL_WORDS = new Set(
	'a an and as at but by for from in into nor of on or per the to via vs with'.split(' '),
);
/** ISO-8601 date or date-time with a zone, as Zapier's sample guide asks. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function steps(app: Definition): Step[] {
	return KINDS.flatMap((kind) =>
		Object.entries(
			((app as Record<string, unknown>)[kind] ?? {}) as Record<string, Omit<Step, 'kind'>>,
		).map(([key, step]) => ({
			...step,
			kind,
			key,
		})),
	);
}

export function isTitleCase(text: string): boolean {
	return text
		.split(/\s+/)
		.filter(Boolean)
		.every((word, i) => {
			const bare = word.replace(/^[^\p{L}\p{N}]+/u, '');
			if (bare === '') return true;
			if (i > 0 && SMALL_WORDS.has(bare) && bare === bare.toLowerCase()) return true;
			return /^[\p{Lu}\p{N}]/u.test(bare);
		});
}

/** Every problem the app definition has, as "kind.key: what is wrong" lines; empty when it passes. */
export function definitionProblems(app: Definition): string[] {
	const triggerKeys = new Set(
		steps(app)
			.filter((s) => s.kind === 'triggers')
			.map((s) => s.key),
	);
	const problems = steps(app).flatMap((step) => [
		...namingProblems(step),
		...inputFieldProblems(step, triggerKeys),
		...outputProblems(step),
	]);
	const auth = (app as { authentication?: unknown }).authentication as
		{ fields?: InputField[]; connectionLabel?: unknown } | undefined;
	for (const field of auth?.fields ?? [])
		if (field.label && !isTitleCase(field.label))
			problems.push(`authentication: field label "${field.label}" is not in Title Case`);
	if (!auth?.connectionLabel) problems.push('authentication: no connection label');
	return problems;
}

function namingProblems(step: Step): string[] {
	const name = `${step.kind}.${step.key}`;
	const { label = '', description = '' } = step.display;
	const problems: string[] = [];
	if (!isTitleCase(label)) problems.push(`${name}: label "${label}" is not in Title Case`);
	if (step.noun && !isTitleCase(step.noun))
		problems.push(`${name}: noun "${step.noun}" is not in Title Case`);
	if (!/[.!?]$/.test(description)) problems.push(`${name}: description must be a full sentence`);
	if (step.kind === 'triggers' && !description.startsWith('Triggers when'))
		problems.push(`${name}: description must start "Triggers when"`);
	if (step.kind === 'searches' && !label.startsWith('Find '))
		problems.push(`${name}: a search is named "Find …"`);
	if (step.kind === 'creates' && /^(Find|Search|Lookup|Look Up)\b/.test(label))
		problems.push(`${name}: a create named "${label.split(' ')[0]} …" reads as a search`);
	return problems;
}

function inputFieldProblems(step: Step, triggerKeys: Set<string>): string[] {
	const name = `${step.kind}.${step.key}`;
	const problems: string[] = [];
	for (const field of (step.operation.inputFields ?? []) as InputField[]) {
		if (typeof field !== 'object' || field.type === 'copy') continue;
		if (!field.label || !isTitleCase(field.label))
			problems.push(
				`${name}: input "${field.key}" label "${field.label ?? ''}" is not in Title Case`,
			);
		if (/(^|_)id$/.test(field.key) && !field.dynamic)
			problems.push(`${name}: "${field.key}" is typed by hand; give it a dropdown (dynamic)`);
		const source = field.dynamic?.split('.')[0];
		if (source !== undefined && !triggerKeys.has(source))
			problems.push(
				`${name}: "${field.key}" takes its dropdown from "${source}", which is no trigger`,
			);
	}
	return problems;
}

function outputProblems(step: Step): string[] {
	const name = `${step.kind}.${step.key}`;
	const { sample, outputFields } = step.operation;
	if (typeof sample !== 'object' || sample === null || Array.isArray(sample))
		return [`${name}: no static sample (an object)`];
	if (!Array.isArray(outputFields) || outputFields.length === 0)
		return [`${name}: no output fields`];
	const polling = step.kind === 'triggers' && step.operation.type !== 'hook';
	return sampleProblems(name, sample as Record<string, unknown>, outputFields as OutputField[], {
		polling,
	});
}

/**
 * The sample against its output fields: every field the sample has is declared, every required
 * field is there, dates are ISO-8601, lists of records are line items (children), and a polling
 * trigger's sample has the `id` Zapier deduplicates on.
 */
export function sampleProblems(
	name: string,
	sample: Record<string, unknown>,
	fields: OutputField[],
	options: { polling: boolean },
): string[] {
	const problems: string[] = [];
	const declared = new Map<string, OutputField>();
	for (const field of fields) {
		if (!field.children) declared.set(field.key, field);
		for (const child of field.children ?? []) declared.set(`${field.key}[].${child.key}`, child);
	}
	const present = flatten(sample);
	for (const [path, value] of present) {
		const field = declared.get(path);
		if (!field) {
			problems.push(`${name}: sample field "${path}" has no output field`);
			continue;
		}
		if (field.type === 'datetime' && value !== null && !ISO_8601.test(String(value)))
			problems.push(
				`${name}: "${path}" is a date but the sample has "${String(value)}", not ISO-8601`,
			);
	}
	for (const [path, field] of declared)
		if (field.required && !present.has(path))
			problems.push(`${name}: output field "${path}" is missing from the sample`);
	for (const field of fields) {
		const value = sample[field.key];
		if (Array.isArray(value) && value.some(isRecord) && !field.children)
			problems.push(
				`${name}: "${field.key}" is a list of records but declares no children (line items)`,
			);
	}
	if (options.polling && (sample.id === undefined || sample.id === null || sample.id === ''))
		problems.push(`${name}: a polling trigger sample needs an "id"`);
	return problems;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sample's fields as Zapier names them: `a__b` inside objects, `list[].field` inside line items. */
function flatten(sample: Record<string, unknown>, prefix = ''): Map<string, unknown> {
	const out = new Map<string, unknown>();
	for (const [key, value] of Object.entries(sample)) {
		const path = `${prefix}${key}`;
		if (isRecord(value)) {
			for (const [inner, v] of flatten(value, `${path}__`)) out.set(inner, v);
		} else if (Array.isArray(value) && value.some(isRecord)) {
			for (const item of value.filter(isRecord))
				for (const [inner, v] of Object.entries(item)) out.set(`${path}[].${inner}`, v);
		} else {
			out.set(path, value);
		}
	}
	return out;
}

/** A copy of the definition whose objects and arrays can be changed; functions stay shared. */
export function cloneDefinition<T>(value: T): T {
	if (Array.isArray(value)) return value.map((item: unknown) => cloneDefinition(item)) as T;
	if (isRecord(value))
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [key, cloneDefinition(inner)]),
		) as T;
	return value;
}
