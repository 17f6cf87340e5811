import { expect } from 'vitest';

import { NyneApiError } from '../../../shared';

/** The NyneApiError a promise rejects with (fails the test when it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<NyneApiError> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NyneApiError);
	return error as NyneApiError;
}
