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

describe('which keys of the facts count', () => {
  const policy = (factCount: number) => {
    const names = Array.from({ length: factCount }, (_, i) => `f${i}`);
    return `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: many-facts, version: 1, owner: platform }
spec:
  default: approve_before
  facts:
${names.map((name) => `    ${name}: { type: number }`).join('\n')}
  rules:
    - id: small-last
      when: { fact: f${factCount - 1}, operator: lessThan, value: 10 }
      route: auto
`;
  };
  const factsOf = (factCount: number, last: number) => Object.fromEntries(Array.from({ length: factCount }, (_, i) => [`f${i}`, i === factCount - 1 ? last : 1]));

  // 31 facts fit the kernel's bit mask of own keys; 40 take the other path. Both must agree.
  for (const factCount of [3, 31, 40]) {
    it(`decides on own keys only, with ${factCount} declared facts`, () => {
      const loaded = loadPolicy(policy(factCount), 'many.yaml');
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
      const plan = compilePolicy(loaded.policy);
      expect(evaluate(plan, factsOf(factCount, 5)).route).toBe('auto');
      expect(evaluate(plan, factsOf(factCount, 50)).route).toBe('approve_before');
      // A fact inherited from a prototype was not sent: the rule is undecided, never auto.
      const inherited = Object.create({ [`f${factCount - 1}`]: 5 }) as Record<string, unknown>;
      Object.assign(inherited, factsOf(factCount - 1, 1));
      const decision = evaluate(plan, inherited);
      expect(decision.route).toBe('approve_before');
      expect(decision.undecided.map((rule) => rule.id)).toEqual(['small-last']);
      // An own key the policy does not declare is an error, wherever it comes in the object.
      expect(evaluate(plan, { extra: 1, ...factsOf(factCount, 5) }).error?.code).toBe('undeclared-fact');
      expect(evaluate(plan, { ...factsOf(factCount, 5), extra: 1 }).error?.fact).toBe('extra');
    });
  }
});
