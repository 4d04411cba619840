import type { ReviewPacket, Route } from '@oversight/core';

/**
 * What a packet is rendered from: the fields a core `Decision` and a gate
 * `Proposal` share (or that one of them has), so either passes as it is.
 * Every string in it may come from the agent and is escaped on output.
 */
export interface PacketSource {
  /** The proposal's id: what an answer names. A bare Decision has none. */
  id?: string;
  route: Route;
  policy: { name: string; version: number };
  /** The reviewer role that must answer. */
  reviewer?: string;
  /** ISO time by which a person must answer. */
  deadline?: string;
  /** The role's SLA, e.g. `4h` (a Decision carries it; a Proposal does not). */
  sla?: string;
  packet?: ReviewPacket;
  /** Distinct approvals the action needs (M-of-N). */
  approvalsRequired?: number;
  /** The approvals given so far. */
  approvals?: readonly { reviewer: { id: string; role: string } }[];
}

export const PACKET_FORMATS = ['text', 'markdown', 'slack', 'html'] as const;
export type PacketFormat = (typeof PACKET_FORMATS)[number];
