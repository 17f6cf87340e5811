// A stand-in for an OpenAI-compatible chat model on 127.0.0.1, scripted for one tool-using turn:
// the first completion asks for the first offered tool with `toolArguments` (again, until `toolCalls` results are
// in the conversation: a looping agent); then the answer repeats the last result. Only Chat Completions, non-streaming.
import { jsonAnswer, startLoopbackServer } from '../../support/loopbackServer';

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
	const server = await startLoopbackServer(({ method, target, body }) => {
		if (method !== 'POST' || !target.endsWith('/chat/completions'))
			return jsonAnswer({ error: { message: `fake model: no ${method} ${target}` } }, 404);
		const request = body as ChatRequest;
		requests.push(request);
		const model = request.model ?? 'fake';
		const toolResults = request.messages.filter((m) => m.role === 'tool');
		const toolResult = toolResults[toolResults.length - 1];
		if (toolResult && toolResults.length >= toolCalls) {
			const text =
				typeof toolResult.content === 'string'
					? toolResult.content
					: JSON.stringify(toolResult.content);
			return jsonAnswer(
				completion(model, { role: 'assistant', content: `TOOL RESULT: ${text}` }, 'stop'),
			);
		}
		const tool = request.tools?.[0]?.function.name;
		if (!tool)
			return jsonAnswer(
				completion(model, { role: 'assistant', content: 'NO TOOL OFFERED' }, 'stop'),
			);
		const call = {
			id: `call_fake_${toolResults.length + 1}`,
			type: 'function',
			function: { name: tool, arguments: JSON.stringify(toolArguments) },
		};
		return jsonAnswer(
			completion(model, { role: 'assistant', content: null, tool_calls: [call] }, 'tool_calls'),
		);
	});
	return {
		url: `${server.url}/v1`,
		requests,
		setToolCalls: (count) => {
			toolCalls = count;
		},
		close: server.close,
	};
}
