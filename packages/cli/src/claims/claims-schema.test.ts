import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROUTES } from '@oversight/core';
import { claimsSchema } from './claims-schema.js';

const published: unknown = JSON.parse(readFileSync(new URL('../../../../schemas/claims.schema.json', import.meta.url), 'utf8'));
const policiesDir = new URL('../../../../policies/', import.meta.url);
const shipped = readdirSync(policiesDir).filter((file) => file.endsWith('.claims.yaml')).sort();

describe('schemas/claims.schema.json', () => {
  it('is the schema the CLI validates claims files with', () => {
    expect(claimsSchema).toEqual(published);
  });

  it("allows exactly core's routes", () => {
    expect(claimsSchema.$defs.claim.properties.route.properties.is.items.enum).toEqual(ROUTES);
  });

  it.each(shipped)('accepts the shipped policies/%s', (file) => {
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(published as object);
    const data: unknown = parse(readFileSync(new URL(file, policiesDir), 'utf8'));
    expect(validate(data) ? [] : validate.errors).toEqual([]);
  });

  it('finds a claims file beside each shipped policy', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
  });
});
