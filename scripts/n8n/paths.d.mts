export const N8N_DEFAULT_VERSION: string;
export function cacheRoot(): string;
export function n8nCacheDir(version?: string): string;
export function n8nBinPath(version?: string): string;
