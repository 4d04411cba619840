// The gate's IdentityVerifier for this desk: the credential is the session
// cookie's token, and the reviewer is whoever it was signed for. An answer's
// identity is never read from the form it came with.
import type { IdentityVerifier, Reviewer } from '@oversight/gate';
import type { SessionSigner } from './session.js';

export function sessionVerifier(sessions: SessionSigner, roles: readonly string[]): IdentityVerifier {
  return {
    verify(credential: unknown): Reviewer | undefined {
      const reviewer = sessions.verify(credential)?.reviewer;
      // A role the policy no longer declares is no role to answer in.
      return reviewer && roles.includes(reviewer.role) ? reviewer : undefined;
    },
  };
}
