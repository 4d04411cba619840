import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, loadPolicy, type CompiledPolicy } from '../index.js';
import { JSON_LIMITS, MAX_DEPTH_CEILING, parseJson, refuseOverlongJson } from './parse-json.js';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function refusal(text: string, limits = JSON_LIMITS) {
  const result = parseJson(text, limits);
  if (result.ok) throw new Error(`expected ${text.slice(0, 80)} to be refused`);
  return result.error;
}

describe('parseJson', () => {
  it.each([
    ['{"amount": 120, "vip": true}'],
    ['[1, "two", null, {"three": [3]}]'],
    ['"refund"'],
    ['42'],
    ['null'],
    [' \t\r\n{ "a" : { "b" : [ ] } } \n'],
    ['{"a":":","b":" :x","c":"\\":"}'],
    ['{"a\\\\":1,"a":2}'],
    ['{"__proto__":{"polluted":true},"constructor":1}'],
  ])('returns what JSON.parse returns for %s, which repeats no key', (text) => {
    expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });

  it('keeps __proto__ an own property, as JSON.parse does, and pollutes nothing', () => {
    const result = parseJson('{"__proto__":{"polluted":true}}');
    expect(result.ok && Object.hasOwn(result.value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a line that is not JSON with the parser’s message', () => {
    expect(refusal('{"amount": 120,')).toEqual({ code: 'invalid-json', message: expect.stringMatching(/^not valid JSON: /) as unknown });
  });

  it.each([
    ['{"amount":900,"currency":"USD","amount":20}', 'amount', 'amount'],
    ['{"facts":{"vendor":{"country":"KP","id":"V-1","country":"US"}}}', 'country', 'facts.vendor.country'],
    ['{"items":[{"sku":1},{"sku":2,"qty":1,"sku":3}]}', 'sku', 'items[1].sku'],
    ['{"a":1,"\\u0061":2}', 'a', 'a'],
    ['{"__proto__":{},"__proto__":{"admin":true}}', '__proto__', '__proto__'],
    ['{"a\\":":1,"a\\":":2}', 'a":', '["a\\":"]'],
    ['{"unit price":1,"unit price":2}', 'unit price', '["unit price"]'],
    ['{ "a" : 1 , "a" : 1 }', 'a', 'a'],
    ['[{"x":{},"y":[{"x":1,"x":1}]}]', 'x', '[0].y[0].x'],
  ])('refuses %s, naming the repeated key and its path', (text, key, path) => {
    const error = refusal(text);
    expect(error).toMatchObject({ code: 'invalid-json', key, path });
    expect(error.message).toBe(`repeated key ${JSON.stringify(key)} at ${path}: an object may name each key once, since readers differ on which value counts`);
  });

  it('names the first repeat in the text when there are several', () => {
    expect(refusal('{"b":{"c":1,"c":2},"a":1,"a":2}')).toMatchObject({ key: 'c', path: 'b.c' });
  });

  it('refuses a repeated key even while Object.prototype has an enumerable property', () => {
    Object.defineProperty(Object.prototype, 'injected', { value: 1, enumerable: true, configurable: true, writable: true });
    let repeated, clean;
    try {
      repeated = parseJson('{"a":1,"b":2,"a":3}');
      clean = parseJson('{"a":1,"b":2}');
    } finally {
      delete (Object.prototype as Record<string, unknown>).injected;
    }
    expect(repeated).toMatchObject({ ok: false, error: { key: 'a' } });
    expect(clean).toEqual({ ok: true, value: { a: 1, b: 2 } });
  });

  it('shortens a long repeated key in the message, and keeps it whole in the error', () => {
    const key = 'k'.repeat(5000);
    const error = refusal(`{"${key}":1,"${key}":2}`);
    expect(error.key).toBe(key);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('(5,000 characters)');
  });

  it(`reads JSON nested ${JSON_LIMITS.maxDepth} levels deep and refuses one level more, naming the limit`, () => {
    expect(parseJson(nested(JSON_LIMITS.maxDepth)).ok).toBe(true);
    expect(parseJson(nestedObjects(JSON_LIMITS.maxDepth)).ok).toBe(true);
    const message = `nested deeper than the limit of ${JSON_LIMITS.maxDepth} levels of objects and arrays`;
    expect(refusal(nested(JSON_LIMITS.maxDepth + 1))).toEqual({ code: 'invalid-json', message });
    expect(refusal(nestedObjects(JSON_LIMITS.maxDepth + 1))).toEqual({ code: 'invalid-json', message });
  });

  it.each([5_000, 100_000])('refuses JSON nested %i levels deep without a crash', (depth) => {
    expect(refusal(nested(depth)).message).toMatch(/^nested deeper than the limit of 64 levels/);
    expect(refusal(`{"fact":${nestedObjects(depth)}}`).message).toMatch(/^nested deeper than the limit of 64 levels/);
  });

  it('refuses a repeated key whose first value is nested past the limit', () => {
    expect(refusal(`{"a":${nested(1000)},"a":1}`).message).toMatch(/^nested deeper than the limit/);
  });

  it(`refuses a text longer than ${JSON_LIMITS.maxLength} characters unread, naming the limit`, () => {
    const text = `"${'x'.repeat(JSON_LIMITS.maxLength - 2)}"`;
    expect(parseJson(text).ok).toBe(true);
    // Not JSON at all: the length is refused before any parsing.
    expect(refusal(`${text}{`)).toEqual(refuseOverlongJson(JSON_LIMITS.maxLength + 1).error);
    expect(refuseOverlongJson(JSON_LIMITS.maxLength + 1).error.message).toBe('too long to read: 1,048,577 characters, and one JSON text may hold at most 1,048,576');
  });

  it('takes other limits from the caller', () => {
    expect(refusal('[[1]]', { maxLength: 100, maxDepth: 1 }).message).toMatch(/limit of 1 levels/);
    expect(refusal('[1, 2, 3]', { maxLength: 5, maxDepth: 64 }).message).toMatch(/^too long to read: 9 characters/);
  });

  it('throws for a depth limit no input could be checked against safely: a programmer error', () => {
    expect(() => parseJson('1', { maxLength: 10, maxDepth: MAX_DEPTH_CEILING + 1 })).toThrow(RangeError);
    expect(() => parseJson('1', { maxLength: 10, maxDepth: 0 })).toThrow(RangeError);
  });
});

// What JSON.parse alone let through on the shipped policies: the last value of
// a repeated key decided, while a check upstream may have read the first.
describe('repeated keys on the shipped policies', () => {
  const planOf = (name: string): CompiledPolicy => {
    const file = new URL(`../../../../policies/${name}.yaml`, import.meta.url);
    const loaded = loadPolicy(readFileSync(file, 'utf8'), `policies/${name}.yaml`);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    return compilePolicy(loaded.policy);
  };
  const lastWins = (text: string) => JSON.parse(text) as Record<string, unknown>;

  it.each([
    {
      policy: 'support-refunds',
      what: 'a store credit sent as irreversible: true, then false',
      text: '{"actionType":"store_credit","irreversible":true,"amount":30,"currency":"USD","reasonCode":"late_delivery","confidence":0.95,"recentClaims":1,"irreversible":false}',
      firstRead: (facts: Record<string, unknown>) => ({ ...facts, irreversible: true }),
      firstRoute: 'approve_before',
      path: 'irreversible',
    },
    {
      policy: 'sales-outreach',
      what: 'an account in KP, then in US',
      text: '{"actionType":"reply","account":{"id":"ACC-894252","name":"Coho Winery","tier":"smb","country":"KP","industry":"retail","country":"US"},"accountValue":23200,"mentionsPricing":false,"discountPercent":0,"complianceTerms":[],"recipientOptedOut":false,"confidence":0.95,"irreversible":true}',
      firstRead: (facts: Record<string, unknown>) => ({ ...facts, account: { ...(facts.account as object), country: 'KP' } }),
      firstRoute: 'deny',
      path: 'account.country',
    },
    {
      policy: 'support-refunds',
      what: 'a refund of 900, then of 20',
      text: '{"actionType":"refund","amount":900,"currency":"USD","orderId":"ORD-1002341","reasonCode":"damaged","confidence":0.97,"recentClaims":0,"refundToOriginalMethod":true,"irreversible":true,"amount":20}',
      firstRead: (facts: Record<string, unknown>) => ({ ...facts, amount: 900 }),
      firstRoute: 'approve_before',
      path: 'amount',
    },
  ])('$policy: refuses $what, which JSON.parse alone routes auto', ({ policy, text, firstRead, firstRoute, path }) => {
    const plan = planOf(policy);
    expect(evaluate(plan, lastWins(text)).route).toBe('auto');
    // What a reader that keeps the first value (the check the action passed upstream) decides.
    expect(evaluate(plan, firstRead(lastWins(text))).route).toBe(firstRoute);
    expect(refusal(text)).toMatchObject({ code: 'invalid-json', path });
  });
});
