// The default mapping between a tools/call and facts: the tool name as the
// `tool` fact beside the arguments, and back.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Facts, ToolCall } from './types.js';

/** The fact that carries the tool name in the default mapping. */
export const TOOL_FACT = 'tool';

/**
 * `{ tool: <name>, ...arguments }`. An argument named `tool` would hide the
 * tool name, so it is refused (the call is then not forwarded): give the proxy
 * a facts mapping for such a server.
 */
export function defaultFacts(toolName: string, args: Record<string, unknown>): Facts {
  if (Object.hasOwn(args, TOOL_FACT)) {
    throw new Error(`tool ${toolName} has an argument named '${TOOL_FACT}', which the default mapping uses for the tool name; configure a facts mapping for this server`);
  }
  return { [TOOL_FACT]: toolName, ...args };
}

/**
 * The call default facts describe: `tool` is the name, the rest are arguments,
 * keeping only the properties the tool's inputSchema declares when it lists
 * its properties (facts a mapping derived from the arguments are not arguments).
 */
export function defaultToolCall(facts: Facts, toolOf: (name: string) => Tool | undefined): ToolCall {
  const name = facts[TOOL_FACT];
  if (typeof name !== 'string') throw new Error(`the facts carry no '${TOOL_FACT}' fact naming the tool; configure a toolCall mapping to turn these facts back into a call`);
  const declared = toolOf(name)?.inputSchema.properties;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (key === TOOL_FACT) continue;
    if (declared !== undefined && !Object.hasOwn(declared, key)) continue;
    args[key] = value;
  }
  return { name, arguments: args };
}
