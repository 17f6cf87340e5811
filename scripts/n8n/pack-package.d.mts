export const REPO_ROOT: string;
export function buildAndPack(outDir: string, options?: { skipBuild?: boolean }): string;
