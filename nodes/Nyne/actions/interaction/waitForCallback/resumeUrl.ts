import type { IExecuteFunctions } from 'n8n-workflow';

/** The query parameter of the resume URL that carries the run's token. */
export const CALLBACK_TOKEN_PARAMETER = 'nyne_token';

/** This execution's resume URL, without a token. */
export function resumeUrlOf(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
}

/** The resume URL "Wait for Callback" asks Nyne to post the result to. */
export function withResumeToken(resumeUrl: string, token: string): string {
	const url = new URL(resumeUrl);
	url.searchParams.set(CALLBACK_TOKEN_PARAMETER, token);
	return url.toString();
}
