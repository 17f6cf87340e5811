export const PACKAGE_NAME: string;
export function nodesDir(userFolder: string): string;
export function packageDir(userFolder: string, packageName?: string): string;
export function installPackage(userFolder: string, tarball: string, packageName?: string): string;
