export const E2E_WORK_DIR: string;
export const PREPARED_USER_FOLDER: string;
export function ensureN8n(options?: {
	versions?: string[];
	skipBuild?: boolean;
	prepared?: boolean;
	log?: (message: string) => void;
}): Promise<{
	tarball?: string;
	installed: string;
	timings: Record<string, number>;
}>;
export function preparePackage(options?: {
	skipBuild?: boolean;
	log?: (message: string) => void;
}): {
	tarball: string;
	installed: string;
};
