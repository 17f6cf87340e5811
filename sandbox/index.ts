import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SandboxCore } from './core';
import { createHandler } from './server';
import type { Sandbox, SandboxOptions } from './types';

export * from './types';
export { DEFAULT_KEY } from './accounts';

/** Starts the Nyne API emulator on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const core = new SandboxCore(options);
	const server = createServer(createHandler(core));
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const [firstKey] = core.accounts.keys;
	let closing: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		apiKey: firstKey.apiKey,
		apiSecret: firstKey.apiSecret,
		control: core.control,
		close() {
			closing ??= new Promise<void>((resolve) => {
				core.stop();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}
