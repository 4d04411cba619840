// Typed access to the hand-written report fixtures, checked twice. At compile
// time the JSON is assigned to the report types widened as JSON imports widen
// them (a route becomes `string`, a pair `number[]`), so a fixture that lacks a
// field or gives one the wrong type fails to compile. At load time it is
// validated against the report schemas in schemas/, which catch what widening
// hides: unknown routes, outcomes or budgets, extra fields, pairs, the version.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { SimulationReport, SweepReport } from '@oversight/simulator';
import simulationJson from './fixtures/simulation-report.json' with { type: 'json' };
import sweepJson from './fixtures/sweep-report.json' with { type: 'json' };

/** The keys of T that JSON may leave out: optional ones, and ones whose value may be undefined. */
type AbsentKeys<T> = Exclude<{ [K in keyof T]: undefined extends T[K] ? K : never }[keyof T], undefined>;

/** T as TypeScript infers it from a JSON file: literals widened, tuples as arrays, undefined as an absent key. */
type AsJson<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends null
        ? null
        : T extends readonly (infer Item)[]
          ? AsJson<Item>[]
          : T extends object
            ? { [K in Exclude<keyof T, AbsentKeys<T>>]: AsJson<T[K]> } & { [K in AbsentKeys<T>]?: AsJson<Exclude<T[K], undefined>> }
            : never;

const simulationShape: AsJson<SimulationReport> = simulationJson;
const sweepShape: AsJson<SweepReport> = sweepJson;

const SCHEMAS = new URL('../../../schemas/', import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
for (const name of ['simulation-report.schema.json', 'sweep-report.schema.json']) {
  ajv.addSchema(JSON.parse(readFileSync(fileURLToPath(new URL(name, SCHEMAS)), 'utf8')) as object);
}

/** Fails loudly, naming each problem, when a fixture does not match its report schema. */
function checkSchema(fixture: object, schemaName: string): void {
  const validate = ajv.getSchema(`https://oversight.dev/schemas/${schemaName}`);
  if (validate === undefined) throw new Error(`no schema ${schemaName} in schemas/`);
  if (!validate(fixture)) {
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
    throw new Error(`fixture does not match ${schemaName}:\n${problems.join('\n')}`);
  }
}

/** A fresh copy of the simulation report fixture, safe to change in a test. */
export function loadSimulationReport(): SimulationReport {
  checkSchema(simulationShape, 'simulation-report.schema.json');
  // The shape is checked at compile time and the literals by the schema; the cast only restores what JSON widened.
  return structuredClone(simulationShape) as SimulationReport;
}

/** A fresh copy of the sweep report fixture, safe to change in a test. */
export function loadSweepReport(): SweepReport {
  checkSchema(sweepShape, 'sweep-report.schema.json');
  return structuredClone(sweepShape) as SweepReport;
}
