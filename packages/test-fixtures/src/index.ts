// What the packages' tests share: refund facts as the support agent proposes
// them, and the shipped support-refunds policy (policies/support-refunds.yaml)
// that decides them: 20 runs alone, above 50 a team lead approves, above 500
// a manager, a refund to another account is denied.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';

export const SUPPORT_REFUNDS_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
export const SUPPORT_REFUNDS = readFileSync(SUPPORT_REFUNDS_FILE, 'utf8');

/** A refund of `amount` USD on a damaged order, confident and first of its kind; `changes` override any fact. */
export function refund(amount: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actionType: 'refund',
    amount,
    currency: 'USD',
    orderId: 'ORD-1234567',
    reasonCode: 'damaged',
    confidence: 0.95,
    recentClaims: 0,
    refundToOriginalMethod: true,
    irreversible: true,
    ...changes,
  };
}

/** The shipped support-refunds policy, compiled (a fresh copy each call). */
export function supportRefunds(): CompiledPolicy {
  const loaded = loadPolicy(SUPPORT_REFUNDS, SUPPORT_REFUNDS_FILE);
  if (!loaded.ok) throw new Error(`${SUPPORT_REFUNDS_FILE} does not load: ${loaded.diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`);
  return compilePolicy(loaded.policy);
}

/**
 * 'ok' when the call resolves, else the code of the GateError it was refused
 * with (by name: this package sits below the gate); any other error is thrown on.
 */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof Error && error.name === 'GateError' && typeof (error as { code?: unknown }).code === 'string') return (error as Error & { code: string }).code;
    throw error;
  }
}
