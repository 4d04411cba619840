import fc from 'fast-check';
import { compilePolicy, evaluateRoute } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { cellsOf, exampleOf, factSpace, inBox, partition } from '../src/index.js';
import { facts as anyFacts, policy as arbitraryPolicy } from './arbitraries.js';

describe('the regions of one policy', () => {
  // The region model joins the one property suite (design.md, "One semantics everywhere"): it is held
  // to the reference evaluator, which shares no code with core, as well as to evaluate.
  it('give every facts object the route the reference evaluator and evaluate give it, and every region an example that reproduces its route', () => {
    fc.assert(
      fc.property(arbitraryPolicy, fc.array(anyFacts, { minLength: 25, maxLength: 25 }), (policy, samples) => {
        const compiled = compilePolicy(policy);
        const space = factSpace([compiled]);
        // Every schema the generator writes is one the cut reaches (the sampled keywords too): nothing is left unknown.
        expect(space.dimensions.filter((dimension) => dimension.opaque !== 0n).map((dimension) => dimension.incomplete)).toEqual([]);
        const boxes = partition(space);
        for (const { box, labels } of boxes) {
          if (labels[0] === undefined) continue;
          const example = exampleOf(space, box);
          expect(example).toBeDefined();
          expect(evaluateRoute(compiled, example).route).toBe(labels[0]);
        }
        for (const facts of samples) {
          const cells = cellsOf(space, facts);
          // No value falls outside every cell: a gap would be a class the cut never reached.
          expect(cells).not.toContain(-1);
          const holding = boxes.filter(({ box }) => inBox(box, cells));
          expect(holding).toHaveLength(1);
          expect(holding[0]!.labels[0]).toBe(evaluateRoute(compiled, facts).route);
          expect(holding[0]!.labels[0]).toBe(referenceDecide(policy, facts).route);
        }
      }),
      { numRuns: 200 },
    );
  });
});
