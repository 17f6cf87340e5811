// A stand-in for an OpenAI-compatible chat model on 127.0.0.1, scripted for one tool-using turn: each completion
// asks for the first offered tool with the next arguments of its script, one call per completion, until as many
// tool results as the script has calls are in the conversation; then the answer repeats the last result.
// By default the script is one call with `toolArguments` (`setToolCalls(n)`: the same call n times, a looping
// agent; `setToolScript([...])`: a call per entry, e.g. questions about different profiles). Only Chat
// Completions; a request with `stream: true` (the AI Agent 1.x asks so) gets the same message as one SSE chunk.
import { jsonAnswer, startLoopbackServer, type LoopbackAnswer } from '../core/loopbackServer';

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
}
export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: Array<{ function: { name: string } }>;
	stream?: boolean;
}

export type ToolArguments = Record<string, unknown>;

export interface FakeOpenAi {
	url: string;
	requests: ChatRequest[];
	/** How many times the model calls the tool, with the arguments it started with, before it answers. */
	setToolCalls(count: number): void;
	/** The model calls the tool once per entry, with that entry's arguments, in order, then answers. */
	setToolScript(calls: readonly ToolArguments[]): void;
	/** The text of every tool result in the conversation of the model's last request, in order. */
	toolResults(): string[];
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

/** The completion as Chat Completions streams it: the whole message as one delta, then the finish reason, then [DONE]. */
function streamed(
	model: string,
	message: Record<string, unknown>,
	finishReason: string,
): LoopbackAnswer {
	const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
		id: 'chatcmpl-fake-stream',
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
	});
	const { tool_calls: toolCalls, ...rest } = message;
	const delta = Array.isArray(toolCalls)
		? { ...rest, tool_calls: toolCalls.map((call: object, index) => ({ index, ...call })) }
		: rest;
	const events = [chunk(delta, null), chunk({}, finishReason)].map(
		(event) => `data: ${JSON.stringify(event)}\n\n`,
	);
	return {
		status: 200,
		headers: { 'content-type': 'text/event-stream' },
		body: `${events.join('')}data: [DONE]\n\n`,
	};
}

const textOf = (message: ChatMessage): string =>
	typeof message.content === 'string' ? message.content : JSON.stringify(message.content);

export async function startFakeOpenAi(toolArguments: ToolArguments): Promise<FakeOpenAi> {
	const requests: ChatRequest[] = [];
	let script: readonly ToolArguments[] = [toolArguments];
	const server = await startLoopbackServer(({ method, target, body }) => {
		if (method !== 'POST' || !target.endsWith('/chat/completions'))
			return jsonAnswer({ error: { message: `fake model: no ${method} ${target}` } }, 404);
		const request = body as ChatRequest;
		requests.push(request);
		const model = request.model ?? 'fake';
		const reply = (message: Record<string, unknown>, finishReason: string) =>
			request.stream === true
				? streamed(model, message, finishReason)
				: jsonAnswer(completion(model, message, finishReason));
		const toolResults = request.messages.filter((m) => m.role === 'tool');
		const toolResult = toolResults[toolResults.length - 1];
		if (toolResult && toolResults.length >= script.length) {
			return reply({ role: 'assistant', content: `TOOL RESULT: ${textOf(toolResult)}` }, 'stop');
		}
		const tool = request.tools?.[0]?.function.name;
		if (!tool) return reply({ role: 'assistant', content: 'NO TOOL OFFERED' }, 'stop');
		const call = {
			id: `call_fake_${toolResults.length + 1}`,
			type: 'function',
			function: { name: tool, arguments: JSON.stringify(script[toolResults.length]) },
		};
		return reply({ role: 'assistant', content: null, tool_calls: [call] }, 'tool_calls');
	});
	return {
		url: `${server.url}/v1`,
		requests,
		setToolCalls: (count) => {
			script = Array.from({ length: count }, () => toolArguments);
		},
		setToolScript: (calls) => {
			script = [...calls];
		},
		toolResults: () =>
			(requests[requests.length - 1]?.messages ?? []).filter((m) => m.role === 'tool').map(textOf),
		close: server.close,
	};
}
