// A stand-in for an OpenAI-compatible chat model on 127.0.0.1, scripted for one tool-using turn:
// the first completion asks for the first offered tool with `toolArguments` (again, until `toolCalls` results are
// in the conversation: a looping agent); then the answer repeats the last result. Only Chat Completions, non-streaming.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
}
interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: Array<{ function: { name: string } }>;
	stream?: boolean;
}

export interface FakeOpenAi {
	url: string;
	requests: ChatRequest[];
	/** How many times the model calls the tool before it answers (1 unless set). */
	setToolCalls(count: number): void;
	close(): Promise<void>;
}

function completion(model: string, message: Record<string, unknown>, finishReason: string) {
	return {
		id: `chatcmpl-fake-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

export async function startFakeOpenAi(toolArguments: Record<string, unknown>): Promise<FakeOpenAi> {
	const requests: ChatRequest[] = [];
	let toolCalls = 1;
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const send = (status: number, json: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				send(404, { error: { message: `fake model: no ${req.method} ${req.url}` } });
				return;
			}
			const request = JSON.parse(body) as ChatRequest;
			requests.push(request);
			const model = request.model ?? 'fake';
			const toolResults = request.messages.filter((m) => m.role === 'tool');
			const toolResult = toolResults[toolResults.length - 1];
			if (toolResult && toolResults.length >= toolCalls) {
				const text =
					typeof toolResult.content === 'string'
						? toolResult.content
						: JSON.stringify(toolResult.content);
				send(
					200,
					completion(model, { role: 'assistant', content: `TOOL RESULT: ${text}` }, 'stop'),
				);
				return;
			}
			const tool = request.tools?.[0]?.function.name;
			if (!tool) {
				send(200, completion(model, { role: 'assistant', content: 'NO TOOL OFFERED' }, 'stop'));
				return;
			}
			const call = {
				id: `call_fake_${toolResults.length + 1}`,
				type: 'function',
				function: { name: tool, arguments: JSON.stringify(toolArguments) },
			};
			send(
				200,
				completion(model, { role: 'assistant', content: null, tool_calls: [call] }, 'tool_calls'),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		setToolCalls: (count) => {
			toolCalls = count;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
