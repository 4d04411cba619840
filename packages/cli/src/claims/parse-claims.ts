import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Claim } from '@oversight/analysis';
import type { Condition, Diagnostic, Range, Route } from '@oversight/core';
import { readYamlDocument, repeatedNames } from '../files/yaml-document.js';
import { claimsSchema } from './claims-schema.js';

/** A claim of a claims file, with where it sits (reports and condition problems point there). */
export interface FileClaim {
  claim: Claim;
  range: Range;
  /** Where a route claim's condition sits. */
  whenRange?: Range;
}

export type ClaimsParse = { ok: true; claims: FileClaim[] } | { ok: false; diagnostics: Diagnostic[] };

let claimsValidator: ValidateFunction | undefined;
const validateClaims = (): ValidateFunction =>
  (claimsValidator ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(claimsSchema));

interface RawClaim {
  name: string;
  'irreversible-waits'?: { exempt?: string[] };
  'no-default'?: object;
  'rules-effective'?: object;
  route?: { when: Condition; is: Route[] };
}

/** Parses and checks a claims file's text (schemas/claims.schema.json). Pure: the caller reads the file. */
export function parseClaims(text: string, file: string): ClaimsParse {
  const read = readYamlDocument(text, file, {
    ruleId: 'claims-file',
    kind: 'claims file',
    empty: 'a claims file lists claims (claims: [...]), each named and of one kind',
    validate: validateClaims,
  });
  if (!read.ok) return read;
  const raw = (read.data as { claims: RawClaim[] }).claims;
  const claims = raw.map((item, index): FileClaim => {
    const range = read.source.valueRange(['claims', index, 'name']);
    const { name } = item;
    if (item['irreversible-waits'] !== undefined) {
      const exempt = item['irreversible-waits'].exempt;
      return { claim: { name, kind: 'irreversible-waits', ...(exempt === undefined ? {} : { exempt }) }, range };
    }
    if (item['no-default'] !== undefined) return { claim: { name, kind: 'no-default' }, range };
    if (item['rules-effective'] !== undefined) return { claim: { name, kind: 'rules-effective' }, range };
    const route = item.route!;
    return { claim: { name, kind: 'route', when: route.when, is: route.is }, range, whenRange: read.source.valueRange(['claims', index, 'route', 'when']) };
  });
  const repeated = repeatedNames(
    claims.map(({ claim, range }) => ({ name: claim.name, range })),
    file,
    'claims-file',
    'claim',
  );
  return repeated.length > 0 ? { ok: false, diagnostics: repeated } : { ok: true, claims };
}
