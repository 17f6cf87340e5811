import { NyneClient, RateLimiter } from '../shared';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import { fetchTransport } from '../test/helpers/core/fetchTransport';
import { scaledClock } from '../test/helpers/core/scaledClock';

export type Clock = ReturnType<typeof scaledClock>;

export interface Counter {
	GET: number;
	POST: number;
}

export interface World {
	sandbox: Sandbox;
	clock: Clock;
	/** A core client on the scaled clock; `limiter: undefined` gives it the default 60/min, 1000/h one. */
	client(options?: { limiter?: RateLimiter | false; counter?: Counter }): NyneClient;
	/** Counts every GET and POST the bench code sends, by method. */
	sent: Counter;
	transport: ReturnType<typeof fetchTransport>;
}

/** A sandbox on 127.0.0.1 and a client whose clock runs at the same time scale. */
export async function startWorld(timeScale: number, options: SandboxOptions = {}): Promise<World> {
	const sandbox = await startSandbox({ timeScale, ...options });
	const clock = scaledClock(timeScale);
	const sent = { GET: 0, POST: 0 };
	const transport = fetchTransport({
		timeScale,
		apiNow: clock.now,
		onExchange: (request) => (sent[request.method] += 1),
	});
	return {
		sandbox,
		clock,
		sent,
		transport,
		client: (opts = {}) => {
			const counter = opts.counter;
			const counted: typeof transport = counter
				? (request) => {
						counter[request.method] += 1;
						return transport(request);
					}
				: transport;
			return new NyneClient({
				signRequests: true,
				baseUrl: sandbox.url,
				apiKey: sandbox.apiKey,
				apiSecret: sandbox.apiSecret,
				transport: counted,
				...clock,
				limiter: opts.limiter,
			});
		},
	};
}
