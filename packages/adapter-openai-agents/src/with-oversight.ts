// Puts a function tool under a routing policy: its `needsApproval` asks the gate,
// and its execution runs only what the gate authorizes.
import { tool, type FunctionTool, type RunContext, type ToolExecuteArgument, type ToolInputParameters, type ToolOptions, type UnknownContext } from '@openai/agents';
import { OVERSIGHT, ToolOversight } from './tool-oversight.js';
import type { OversightOptions } from './types.js';

/**
 * Builds a function tool (as the library's `tool()` does) whose calls are routed
 * by a policy through the gate:
 * - `needsApproval` proposes the call (once per call id) and interrupts the run
 *   when the policy routes it to `approve_before` or `escalate`;
 * - `auto` and `review_after` calls run at once (a `review_after` leaves its
 *   review queued in the gate); a `deny` never runs: the model receives a refusal;
 * - `execute` runs only after `gate.authorize` accepts the facts of exactly the
 *   arguments it is about to run — the model's, or a reviewer's edit the gate
 *   approved (see answerInterruption).
 *
 * Any `needsApproval` in the options is replaced: the policy decides.
 */
export function oversightTool<TParameters extends ToolInputParameters = undefined, Context = UnknownContext, Result = string>(
  options: ToolOptions<TParameters, Context>,
  oversight: OversightOptions<ToolExecuteArgument<TParameters>>,
): FunctionTool<Context, TParameters, Result> {
  type Args = ToolExecuteArgument<TParameters>;
  const parameters: unknown = options.parameters;
  const controller = new ToolOversight<Args>(oversight, (raw) => (isParser(parameters) ? parameters.parse(raw) : raw) as Args);
  const execute = options.execute;
  const wrapped = {
    ...options,
    needsApproval: (_context: RunContext, input: Args, callId?: string) => controller.needsApproval(input, callId),
    execute: (input: Args, context?: RunContext<Context>, details?: Parameters<typeof execute>[2]) =>
      controller.execute(input, details?.toolCall?.callId, (args) => execute(args, context, details)),
  };
  const built = tool<TParameters, Context, Result>(wrapped);
  controller.toolName = built.name;
  return attach(built, controller);
}

/**
 * Puts a tool under oversight: tool options (built with the library's `tool()`,
 * see oversightTool) or a function tool already built. For a built tool the
 * arguments are the model's JSON (its schema parses them when it runs), and a
 * reviewer's edit is handed to it as JSON.
 */
export function withOversight<TParameters extends ToolInputParameters = undefined, Context = UnknownContext, Result = string>(
  toolOrOptions: FunctionTool<Context, TParameters, Result>,
  oversight: OversightOptions<unknown>,
): FunctionTool<Context, TParameters, Result>;
export function withOversight<TParameters extends ToolInputParameters = undefined, Context = UnknownContext, Result = string>(
  toolOrOptions: ToolOptions<TParameters, Context>,
  oversight: OversightOptions<ToolExecuteArgument<TParameters>>,
): FunctionTool<Context, TParameters, Result>;
export function withOversight<TParameters extends ToolInputParameters = undefined, Context = UnknownContext, Result = string>(
  toolOrOptions: FunctionTool<Context, TParameters, Result> | ToolOptions<TParameters, Context>,
  oversight: OversightOptions<never>,
): FunctionTool<Context, TParameters, Result> {
  if (isFunctionTool(toolOrOptions)) return wrapFunctionTool(toolOrOptions, oversight as OversightOptions<unknown>);
  return oversightTool<TParameters, Context, Result>(toolOrOptions, oversight as OversightOptions<ToolExecuteArgument<TParameters>>);
}

function wrapFunctionTool<TParameters extends ToolInputParameters, Context, Result>(
  original: FunctionTool<Context, TParameters, Result>,
  oversight: OversightOptions<unknown>,
): FunctionTool<Context, TParameters, Result> {
  const controller = new ToolOversight<unknown>(oversight, (raw) => raw);
  controller.toolName = original.name;
  const wrapped: FunctionTool<Context, TParameters, Result> = {
    ...original,
    needsApproval: (_context, input, callId) => controller.needsApproval(input, callId),
    invoke: async (context, input, details) => {
      const args = JSON.parse(input) as unknown;
      // The refusal is what the model reads in place of the tool's result.
      return (await controller.execute(args, details?.toolCall?.callId, (runArgs) => original.invoke(context, runArgs === args ? input : JSON.stringify(runArgs), details))) as string | Result;
    },
  };
  return attach(wrapped, controller);
}

function attach<T extends object>(target: T, controller: object): T {
  Object.defineProperty(target, OVERSIGHT, { value: controller, enumerable: true, configurable: false, writable: false });
  return target;
}

function isFunctionTool<Context, TParameters extends ToolInputParameters, Result>(
  value: FunctionTool<Context, TParameters, Result> | ToolOptions<TParameters, Context>,
): value is FunctionTool<Context, TParameters, Result> {
  return (value as { type?: unknown }).type === 'function' && typeof (value as { invoke?: unknown }).invoke === 'function';
}

function isParser(value: unknown): value is { parse(input: unknown): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { parse?: unknown }).parse === 'function';
}
