import { rngFrom, type Rng } from './random';
import { FAULT_KINDS, type Fault, type FaultKind, type RandomFaultSpec } from './types';

const CALLBACK_KINDS: ReadonlySet<FaultKind> = new Set([
	'duplicate_callback',
	'out_of_order_callback',
	'odd_result',
]);
const INTERACTIONS_PATH = '/person/interactions';

interface QueuedFault {
	fault: Fault;
	left: number;
}

function appliesToRequest(fault: Fault, method: string, path: string): boolean {
	if (fault.kind === 'odd_result')
		return method === 'GET' && path === INTERACTIONS_PATH && (fault.method ?? 'GET') === 'GET';
	if (CALLBACK_KINDS.has(fault.kind)) return false;
	if (fault.method && fault.method !== method) return false;
	if (fault.path && fault.path !== path) return false;
	if (fault.kind === 'early_404') return method === 'GET' && path === INTERACTIONS_PATH;
	return true;
}

/** Injected faults are consumed in order by the first matching request; random faults roll per request. */
export class FaultPlan {
	private queue: QueuedFault[] = [];
	private random: { rng: Rng; rates: RandomFaultSpec['rates'] } | null = null;

	inject(fault: Fault): void {
		if (!FAULT_KINDS.includes(fault.kind))
			throw new Error(`Unknown fault kind: ${String(fault.kind)}`);
		this.queue.push({ fault: { ...fault }, left: Math.max(1, Math.floor(fault.times ?? 1)) });
	}

	setRandom(spec: RandomFaultSpec | null): void {
		this.random = spec ? { rng: rngFrom(spec.seed), rates: { ...spec.rates } } : null;
	}

	clear(): void {
		this.queue = [];
		this.random = null;
	}

	forRequest(method: string, path: string): Fault | undefined {
		return this.take((f) => appliesToRequest(f, method, path));
	}

	forCallback(): Fault | undefined {
		return this.take(
			(f) => CALLBACK_KINDS.has(f.kind) && (f.kind !== 'odd_result' || f.method === 'POST'),
		);
	}

	private take(matches: (fault: Fault) => boolean): Fault | undefined {
		const index = this.queue.findIndex((q) => matches(q.fault));
		if (index >= 0) {
			const queued = this.queue[index];
			queued.left -= 1;
			if (queued.left === 0) this.queue.splice(index, 1);
			return queued.fault;
		}
		if (!this.random) return undefined;
		for (const kind of FAULT_KINDS) {
			const rate = this.random.rates[kind] ?? 0;
			if (rate > 0 && matches({ kind }) && this.random.rng() < rate) return { kind };
		}
		return undefined;
	}
}
