import { sleep } from 'n8n-workflow';

import { abortReason } from '../../../shared';

/**
 * Waits `ms`, ending early (rejecting) when `signal` aborts. Built on `sleep`, which every supported
 * n8n-workflow exports (1.x to 2.41); `sleepWithAbort` is gone from 2.41, and n8n resolves n8n-workflow
 * to its own copy at run time, so the node may only use what all of them have. The core cuts a long wait
 * into timer-sized pieces (boundedSleep) before it gets here.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw abortReason(signal);
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(abortReason(signal));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}
