import { describe, expect, it } from 'vitest';

import { abortableSleep } from '../../../../nodes/common/transport/abortableSleep';

describe('abortableSleep (the node wait, built on n8n-workflow sleep)', () => {
	it('resolves after the wait when nothing aborts', async () => {
		await expect(abortableSleep(1, new AbortController().signal)).resolves.toBeUndefined();
		await expect(abortableSleep(1)).resolves.toBeUndefined();
	});

	it('rejects at once when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(abortableSleep(60_000, controller.signal)).rejects.toThrow();
	});

	it('rejects when the signal aborts during the wait, without waiting it out', async () => {
		const controller = new AbortController();
		const waiting = abortableSleep(3_600_000, controller.signal);
		controller.abort(new Error('execution cancelled'));
		await expect(waiting).rejects.toThrow('execution cancelled');
	});
});
