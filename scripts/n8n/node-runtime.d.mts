export function ensureNodeMajor(major: number, log?: (message: string) => void): string;
export function n8nNodeRuntime(
	version: string,
	log?: (message: string) => void,
): { node: string; env: Record<string, string> };
