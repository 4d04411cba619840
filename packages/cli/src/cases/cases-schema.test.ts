import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ERROR_CODES, ROUTES } from '@oversight/core';
import { casesSchema } from './cases-schema.js';

const published: unknown = JSON.parse(readFileSync(new URL('../../../../schemas/cases.schema.json', import.meta.url), 'utf8'));
const policiesDir = new URL('../../../../policies/', import.meta.url);
const shipped = readdirSync(policiesDir).filter((file) => file.endsWith('.cases.yaml')).sort();

describe('schemas/cases.schema.json', () => {
  it('is the schema the CLI validates cases files with', () => {
    expect(casesSchema).toEqual(published);
  });

  it("allows exactly core's routes and error codes", () => {
    const expectation = casesSchema.$defs.expectation.properties;
    expect(expectation.route.enum).toEqual(ROUTES);
    expect(expectation.error.enum).toEqual(ERROR_CODES);
  });

  it.each(shipped)('accepts the shipped policies/%s', (file) => {
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(published as object);
    const data: unknown = parse(readFileSync(new URL(file, policiesDir), 'utf8'));
    expect(validate(data) ? [] : validate.errors).toEqual([]);
  });

  it('finds the shipped cases files', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
  });
});
