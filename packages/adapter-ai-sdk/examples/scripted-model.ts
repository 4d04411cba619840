// A language model that plays a script, from the AI SDK's own MockLanguageModelV3:
// each new user turn gets the next turn's tool calls; a prompt that ends with
// tool results (or approval answers) gets a line of text saying what they were.
// It answers generateText (doGenerate) and streamText (doStream) alike.
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

type Generate = Extract<NonNullable<ConstructorParameters<typeof MockLanguageModelV3>[0]>['doGenerate'], (...args: never[]) => unknown>;
type Stream = Extract<NonNullable<ConstructorParameters<typeof MockLanguageModelV3>[0]>['doStream'], (...args: never[]) => unknown>;
type CallOptions = Parameters<Generate>[0];
type GenerateResult = Awaited<ReturnType<Generate>>;
type StreamPart = Awaited<ReturnType<Stream>>['stream'] extends ReadableStream<infer PART> ? PART : never;

export interface ScriptedToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

const usage: GenerateResult['usage'] = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

export function scriptedModel(turns: ScriptedToolCall[][]): MockLanguageModelV3 {
  const script = [...turns];
  const respond = (options: CallOptions): GenerateResult => {
    const last = options.prompt.at(-1);
    if (last?.role === 'tool') {
      const said = last.content.map((part) => (part.type === 'tool-result' ? `${part.toolName}: ${JSON.stringify(part.output)}` : part.type));
      return { content: [{ type: 'text', text: said.join('\n') }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    }
    const calls = script.shift() ?? [];
    return {
      content: calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.toolCallId, toolName: call.toolName, input: JSON.stringify(call.input) })),
      finishReason: { unified: calls.length > 0 ? 'tool-calls' : 'stop', raw: undefined },
      usage,
      warnings: [],
    };
  };
  return new MockLanguageModelV3({
    doGenerate: (options: CallOptions) => Promise.resolve(respond(options)),
    doStream: (options: CallOptions) => {
      const result = respond(options);
      const chunks: StreamPart[] = [];
      for (const part of result.content) {
        if (part.type === 'text') chunks.push({ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: part.text }, { type: 'text-end', id: 't' });
        if (part.type === 'tool-call') chunks.push(part);
      }
      chunks.push({ type: 'finish', finishReason: result.finishReason, usage });
      return Promise.resolve({ stream: simulateReadableStream({ chunks }) });
    },
  });
}
