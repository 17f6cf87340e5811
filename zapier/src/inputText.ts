/** A field value Zapier hands over (text, a number, a boolean or nothing) as text; anything else is no text. */
export function inputText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	return '';
}
