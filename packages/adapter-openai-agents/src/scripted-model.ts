// A deterministic model for tests and examples: it answers each request with the
// next turn of a script (tool calls, or a final message), so an agent runs
// through the real runner without an API key. The library ships no mock model.
import { Usage, type AgentOutputItem, type Model, type ModelRequest, type ModelResponse, type StreamEvent } from '@openai/agents';

export interface ScriptedToolCall {
  /** The function tool's name. */
  name: string;
  /** The arguments the model sends (serialized to JSON, as a model would). */
  arguments: unknown;
  /** The call id; default `call_<n>`, numbered across the model's whole script. */
  callId?: string;
}

/** One model response: tool calls (with optional text before them), a final message, or either computed from the request. */
export type ScriptedTurn = { toolCalls: readonly ScriptedToolCall[]; text?: string } | { message: string } | ((request: ModelRequest) => ScriptedTurn);

export class ScriptedModel implements Model {
  /** Every request the runner sent, in order (the tool results the model saw are in their input). */
  readonly requests: ModelRequest[] = [];
  private next = 0;
  private calls = 0;

  constructor(private readonly turns: readonly ScriptedTurn[]) {}

  getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const index = this.next++;
    let turn = this.turns[index];
    while (typeof turn === 'function') turn = turn(request);
    if (turn === undefined) return Promise.reject(new Error(`ScriptedModel: the script has ${this.turns.length} turns and the runner asked for turn ${index + 1}`));
    return Promise.resolve({ usage: new Usage(), output: this.outputOf(turn, index), responseId: `scripted-${index + 1}` });
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const response = await this.getResponse(request);
    yield {
      type: 'response_done',
      response: { id: response.responseId ?? 'scripted', usage: { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 }, output: response.output },
    } as StreamEvent;
  }

  private outputOf(turn: Exclude<ScriptedTurn, (request: ModelRequest) => ScriptedTurn>, index: number): AgentOutputItem[] {
    if ('message' in turn) return [message(turn.message, index)];
    const calls = turn.toolCalls.map((call): AgentOutputItem => {
      const callId = call.callId ?? `call_${++this.calls}`;
      return { type: 'function_call', id: `fc_${callId}`, callId, name: call.name, arguments: JSON.stringify(call.arguments), status: 'completed' };
    });
    return turn.text === undefined ? calls : [message(turn.text, index), ...calls];
  }
}

function message(text: string, index: number): AgentOutputItem {
  return { type: 'message', id: `msg_${index + 1}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text }] };
}
