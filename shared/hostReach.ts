/** Where a host sits, as seen from a server on the internet such as Nyne's. */
export type HostReach = 'loopback' | 'private' | 'public';

function ipv4Reach(host: string): HostReach | undefined {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (!match) return undefined;
	const [a, b] = [Number(match[1]), Number(match[2])];
	if (a === 127 || a === 0) return 'loopback';
	if (
		a === 10 ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 169 && b === 254)
	)
		return 'private';
	return 'public';
}

/** `::ffff:a00:1` (how URL writes an IPv4-mapped address) as `10.0.0.1`. */
function mappedIpv4(host: string): string | undefined {
	const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
	if (!match) return /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host)?.[1];
	const [high, low] = [parseInt(match[1], 16), parseInt(match[2], 16)];
	return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function ipv6Reach(host: string): HostReach {
	const mapped = mappedIpv4(host);
	if (mapped) return ipv4Reach(mapped) ?? 'public';
	if (host === '::1' || host === '::') return 'loopback';
	if (/^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host)) return 'private';
	return 'public';
}

/**
 * Classifies a URL's hostname (as `new URL(...).hostname` gives it): loopback (this machine), private
 * (10/8, 172.16/12, 192.168/16, 169.254/16 link-local, fc00::/7, fe80::/10, `.local`, or a name without a dot
 * such as a Docker service), or public. Names are judged by their form only; nothing is resolved.
 */
export function hostReach(hostname: string): HostReach {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host.startsWith('[') && host.endsWith(']')) return ipv6Reach(host.slice(1, -1));
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	const ipv4 = ipv4Reach(host);
	if (ipv4) return ipv4;
	if (host.endsWith('.local') || !host.includes('.')) return 'private';
	return 'public';
}

export function isLoopbackHost(hostname: string): boolean {
	return hostReach(hostname) === 'loopback';
}

/**
 * True when a server that `baseUrl` names on the internet cannot call `callbackUrl` back: the callback host is
 * on this machine or a private network while the API is not. A sandbox on this machine reaches everything here.
 */
export function isCallbackUnreachable(callbackUrl: string, baseUrl: string): boolean {
	let callbackHost: string;
	let apiHost: string;
	try {
		callbackHost = new URL(callbackUrl).hostname;
		apiHost = new URL(baseUrl).hostname;
	} catch {
		return false;
	}
	return hostReach(apiHost) === 'public' && hostReach(callbackHost) !== 'public';
}
