export function isN8nInstalled(version?: string): boolean;
export function installN8n(version?: string, log?: (message: string) => void): Promise<string>;
