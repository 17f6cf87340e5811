export interface N8nVersionInfo {
	key: string;
	version: string;
	nodeMajor?: number;
	env?: Record<string, string>;
	subMinutePolls?: boolean;
}
export const N8N_VERSIONS: N8nVersionInfo[];
export const N8N_LATEST_VERSION: string;
export function n8nVersionInfo(version: string): N8nVersionInfo;
export function pinnedN8nVersion(key: string): string;
export function selectedN8nVersions(): string[];
export function readerN8nVersion(): string | undefined;
export function installOrder(versions: string[]): string[];
export function runsOnThisNode(entry: { nodeMajor?: number }): boolean;
