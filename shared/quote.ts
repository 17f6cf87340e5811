/** The most characters of a person's input a message quotes: a 1 MB paste must not become a 1 MB error. */
export const QUOTE_MAX_CHARS = 80;

/** `text` in quotes as a message shows it: whole when short, else its first QUOTE_MAX_CHARS and how long it was. */
export function quoteInput(text: string): string {
	if (text.length <= QUOTE_MAX_CHARS) return `"${text}"`;
	return `"${text.slice(0, QUOTE_MAX_CHARS)}…" (${text.length} characters)`;
}

/** A value as a person can read it in a message, whatever a workflow handed over. */
export function shown(value: unknown): string {
	if (typeof value === 'string') return quoteInput(value);
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	return Array.isArray(value)
		? 'a list'
		: `a value of type ${typeof value === 'object' ? 'object' : typeof value}`;
}
