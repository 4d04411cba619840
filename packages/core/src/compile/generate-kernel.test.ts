import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, loadPolicy } from '../index.js';

// The kernel is generated JavaScript: no policy value may reach its source
// unescaped. Each payload below would run code (or break the syntax) if it did.
const PAYLOADS = [
  `"); globalThis.pwned = true; ("`,
  `'; globalThis.pwned = true; '`,
  '`; globalThis.pwned = true; `',
  '*/ globalThis.pwned = true; /*',
  '\\"); globalThis.pwned = true; //',
  '\u2028globalThis.pwned = true;\u2029',
  '${globalThis.pwned = true}',
  '</script><script>globalThis.pwned = true</script>',
];

const policyWith = (payload: string) => `
apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: hostile-values, version: 1, owner: security }
spec:
  default: approve_before
  facts:
    note: { type: string, enum: [${JSON.stringify(payload)}, plain] }
    tags: { type: array }
    vendor: { type: object }
  rules:
    - id: equal-payload
      when: { fact: note, operator: equal, value: ${JSON.stringify(payload)} }
      route: deny
    - id: in-payload
      when: { fact: note, operator: in, value: [${JSON.stringify(payload)}] }
      route: escalate
    - id: contains-payload
      when: { fact: tags, operator: contains, value: ${JSON.stringify(payload)} }
      route: review_after
    - id: path-payload
      when: { fact: vendor, path: $.name, operator: notEqual, value: ${JSON.stringify(payload)} }
      route: auto
`;

describe('generated code and hostile policy values', () => {
  for (const payload of PAYLOADS) {
    it(`treats ${JSON.stringify(payload)} as data, never as code`, () => {
      const loaded = loadPolicy(policyWith(payload), 'hostile.yaml');
      expect(loaded.ok ? [] : loaded.diagnostics).toEqual([]);
      if (!loaded.ok) return;
      const plan = compilePolicy(loaded.policy);
      const hit = evaluate(plan, { note: payload, tags: [payload], vendor: { name: payload } });
      expect(hit.route).toBe('deny');
      expect(hit.matched.map((rule) => rule.id).sort()).toEqual(['contains-payload', 'equal-payload', 'in-payload']);
      expect(evaluate(plan, { note: 'plain', tags: [], vendor: { name: 'Acme' } }).route).toBe('auto');
      expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    });
  }

  it('reads facts named like Object.prototype members only as the caller sent them', () => {
    const loaded = loadPolicy(
      `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: proto-names, version: 1, owner: security }
spec:
  facts:
    amount: { type: number }
    vendor: { type: object }
  rules:
    - id: vendor-has-no-constructor-field
      when: { fact: vendor, path: $.constructor, operator: equal, value: null }
      route: deny
    - id: small
      when: { fact: amount, operator: lessThan, value: 10 }
      route: auto
`,
      'proto.yaml',
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const plan = compilePolicy(loaded.policy);
    // `$.constructor` on a plain object is absent (not Object), so the deny rule is undecided and stricter: fail closed.
    const decision = evaluate(plan, { amount: 1, vendor: {} });
    expect(decision.route).toBe('approve_before');
    expect(decision.error?.code).toBe('missing-fact');
  });
});
