import type { PacketSpec } from '@oversight/core';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)/g;

/** The facts a review packet shows: those listed (context, impact) and those its summary names. */
export function packetFacts(packet: PacketSpec | undefined): { listed: Set<string>; inSummary: Set<string> } {
  const listed = new Set([...(packet?.context ?? []), ...(packet?.impact ?? [])]);
  const inSummary = new Set([...(packet?.summary ?? '').matchAll(PLACEHOLDER)].map((match) => match[1]!));
  return { listed, inSummary };
}
