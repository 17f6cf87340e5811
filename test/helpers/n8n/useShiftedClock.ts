import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstance } from './n8nEnv';

/** n8n's clock, moved forward from the test: the preload in shiftedClock.cjs reads the offset file. */
export interface ShiftedClock {
	/** Moves n8n's Date.now() forward and resolves once the process had time to re-read the file. */
	advance(ms: number): Promise<void>;
}

/** Call before `n8n start`: the instance's process starts with the preload and an offset of 0. */
export function useShiftedClock(instance: N8nInstance): ShiftedClock {
	const file = join(instance.userFolder, 'clock-offset');
	let offset = 0;
	writeFileSync(file, '0');
	const preload = join(__dirname, 'shiftedClock.cjs');
	instance.env.NODE_OPTIONS = `${instance.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim();
	instance.env.NYNE_E2E_CLOCK_FILE = file;
	return {
		advance: async (ms: number) => {
			offset += ms;
			writeFileSync(file, String(offset));
			await new Promise((resolve) => setTimeout(resolve, 1_000));
		},
	};
}
