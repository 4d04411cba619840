import type { CompiledPolicy } from '@oversight/core';
import type { Gate } from '@oversight/gate';
import type { SessionSigner } from './session.js';

/** What every request handler works with. */
export interface DeskContext {
  gate: Gate;
  policy: CompiledPolicy;
  /** The reviewer roles the policy declares. */
  roles: string[];
  sessions: SessionSigner;
  /** The gate's clock: deadlines on the page are measured against it. */
  clock: () => Date;
  /** The proposer an agent's proposal names when it names none. */
  defaultProposer: { id: string; kind: string };
}
