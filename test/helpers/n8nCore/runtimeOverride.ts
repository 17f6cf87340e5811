import { getRuntime, type NyneRuntime } from '../../../nodes/common/transport';

const real: NyneRuntime = { ...getRuntime() };

/**
 * Sets parts of the nodes' process-wide runtime for a test: a scaled clock, a limiter registry or a reuse
 * store of its own. The nodes read the runtime on every call, so the change takes effect at once.
 */
export function overrideRuntime(parts: Partial<NyneRuntime>): void {
	Object.assign(getRuntime(), parts);
}

/** Puts back the runtime n8n runs the nodes with. */
export function restoreRuntime(): void {
	Object.assign(getRuntime(), real);
}
