// Typed access to the hand-written report fixtures. JSON imports widen literal
// types (a route becomes `string`, a tuple `number[]`), so the JSON is first
// checked against the report types widened the same way: a fixture that lacks
// a field or gives one the wrong type fails to compile. What widening hides
// (route names, outcomes, error codes, the report version, pairs) is checked
// when the fixture loads.
import { ERROR_CODES, OUTCOMES, ROUTES } from '@oversight/core';
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

const routeNames: readonly string[] = ROUTES;
const outcomeNames: readonly string[] = OUTCOMES;
const errorCodes: readonly string[] = ERROR_CODES;

/** Every value under a key of `names` (in any nested object or array) must be one of `allowed`. */
function checkValues(value: unknown, names: readonly string[], allowed: readonly string[], what: string, path = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkValues(item, names, allowed, what, `${path}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const here = `${path}.${key}`;
    if (names.includes(key) && typeof item === 'string' && !allowed.includes(item)) {
      throw new Error(`fixture: ${here} is "${item}", not a known ${what}`);
    }
    checkValues(item, names, allowed, what, here);
  }
}

/** Every array under a key of `names` must be a pair (or null). */
function checkPairs(value: unknown, names: readonly string[], path = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkPairs(item, names, `${path}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const here = `${path}.${key}`;
    if (names.includes(key) && Array.isArray(item) && item.length !== 2) throw new Error(`fixture: ${here} must be a [low, high] pair`);
    checkPairs(item, names, here);
  }
}

function checkLiterals(report: { reportVersion: number }): void {
  if (report.reportVersion !== 1) throw new Error(`fixture: reportVersion ${report.reportVersion} is not 1`);
  checkValues(report, ['route', 'recordedRoute', 'baselineRoute', 'candidateRoute'], routeNames, 'route');
  checkValues(report, ['outcome'], outcomeNames, 'outcome');
  checkValues(report, ['error'], errorCodes, 'error code');
  checkPairs(report, ['interval', 'expectedErrors']);
}

/** A fresh copy of the simulation report fixture, safe to change in a test. */
export function loadSimulationReport(): SimulationReport {
  checkLiterals(simulationShape);
  const routeChanges = simulationShape.comparisons.flatMap((comparison) => comparison.routeChanges.routes);
  checkValues({ routes: routeChanges }, ['routes'], routeNames, 'route');
  // The shape is checked at compile time and the literals above; the cast only restores what JSON widened.
  return structuredClone(simulationShape) as SimulationReport;
}

/** A fresh copy of the sweep report fixture, safe to change in a test. */
export function loadSweepReport(): SweepReport {
  checkLiterals(sweepShape);
  return structuredClone(sweepShape) as SweepReport;
}
