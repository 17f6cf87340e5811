import { cpus } from 'node:os';

/** A plain-text table: the first row is the header; numbers are right-aligned. */
export function table(rows: Array<Array<string | number>>): string {
	const cells = rows.map((row) => row.map((cell) => String(cell)));
	const widths = cells[0].map((_, column) =>
		Math.max(...cells.map((row) => (row[column] ?? '').length)),
	);
	const line = (row: string[]) =>
		row
			.map((cell, column) =>
				/^[-+]?[\d.,]+( ?[a-zA-Z%×]*)?$/.test(cell)
					? cell.padStart(widths[column])
					: cell.padEnd(widths[column]),
			)
			.join('  ')
			.trimEnd();
	return [
		line(cells[0]),
		widths.map((width) => '-'.repeat(width)).join('  '),
		...cells.slice(1).map(line),
	].join('\n');
}

export function machine(): string {
	const cpu = cpus();
	return `${new Date().toISOString().slice(0, 10)} · ${cpu[0]?.model.trim() ?? 'unknown CPU'} · ${cpu.length} cores · Node ${process.version}`;
}

export const fixed = (value: number, digits = 1): string =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

export function mean(values: number[]): number {
	return values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}
