import { describe, expect, it } from 'vitest';

import { hostReach, isCallbackUnreachable } from '../../shared';

const hostOf = (url: string) => new URL(url).hostname;

describe('hostReach', () => {
	it.each([
		['http://localhost:5678/', 'loopback'],
		['http://127.0.0.1:5678/', 'loopback'],
		['http://[::1]:5678/', 'loopback'],
		['http://10.1.2.3/', 'private'],
		['http://172.16.0.1/', 'private'],
		['http://172.31.255.255/', 'private'],
		['http://192.168.1.20/', 'private'],
		['http://169.254.169.254/', 'private'],
		['http://[fd12:3456::1]/', 'private'],
		['http://[fe80::1]/', 'private'],
		['http://[::ffff:10.0.0.1]/', 'private'],
		['http://n8n.local/', 'private'],
		['http://n8n:5678/', 'private'],
		['https://n8n.example.com/', 'public'],
		['https://172.32.0.1/', 'public'],
		['https://8.8.8.8/', 'public'],
		['https://[2001:db8::1]/', 'public'],
	])('%s is %s', (url, reach) => {
		expect(hostReach(hostOf(url))).toBe(reach);
	});
});

describe('isCallbackUnreachable', () => {
	it('a private callback is unreachable from the public API, reachable from a sandbox on this machine', () => {
		expect(
			isCallbackUnreachable('http://localhost:5678/webhook-waiting/1', 'https://api.nyne.ai'),
		).toBe(true);
		expect(isCallbackUnreachable('http://192.168.1.5:5678/webhook/x', 'https://api.nyne.ai')).toBe(
			true,
		);
		expect(isCallbackUnreachable('https://n8n.example.com/webhook/x', 'https://api.nyne.ai')).toBe(
			false,
		);
		expect(
			isCallbackUnreachable('http://localhost:5678/webhook-waiting/1', 'http://127.0.0.1:8787'),
		).toBe(false);
	});
});
