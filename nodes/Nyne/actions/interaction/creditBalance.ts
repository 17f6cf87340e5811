import type { IExecuteFunctions } from 'n8n-workflow';

import { readCreditBalance } from '../../../../shared';
import type { CreditBalance, NyneClient } from '../../../../shared';

async function readBalance(
	context: IExecuteFunctions,
	client: NyneClient,
	lookups: number,
): Promise<CreditBalance | undefined> {
	try {
		return readCreditBalance(await client.getUsage());
	} catch (error) {
		context.logger.warn(
			`Nyne: the credit balance could not be read before ${lookups} lookups; they are sent unchecked ` +
				`(${error instanceof Error ? error.message : String(error)}).`,
		);
		return undefined;
	}
}

/** What the credits left are before a batch of lookups is sent; one lookup is not checked (Nyne refuses it itself, for nothing). */
export async function balanceBefore(
	context: IExecuteFunctions,
	client: NyneClient | undefined,
	lookups: number,
): Promise<CreditBalance | undefined> {
	return client && lookups > 1 ? await readBalance(context, client, lookups) : undefined;
}
