import fc from 'fast-check';
import { compilePolicy, evaluateRoute } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { anyFacts, factsFor, policy as arbitraryPolicy } from '../../core/test/arbitraries.js';
import { cellsOf, exampleOf, factSpace, inBox, partition } from '../src/index.js';

describe('the regions of one policy', () => {
  it('give every facts object the route evaluate gives it, and every region an example that reproduces its route', () => {
    fc.assert(
      fc.property(arbitraryPolicy, fc.array(anyFacts, { minLength: 20, maxLength: 20 }), (policy, samples) => {
        const compiled = compilePolicy(policy);
        const space = factSpace([compiled]);
        const boxes = partition(space);
        for (const { box, routes } of boxes) {
          if (routes[0] === undefined) continue;
          const example = exampleOf(space, box);
          expect(example).toBeDefined();
          expect(evaluateRoute(compiled, example).route).toBe(routes[0]);
        }
        for (const sample of samples) {
          const facts = factsFor(policy, sample);
          const cells = cellsOf(space, facts);
          expect(cells).not.toContain(-1);
          const holding = boxes.filter(({ box }) => inBox(box, cells));
          expect(holding).toHaveLength(1);
          if (holding[0]!.routes[0] !== undefined) expect(holding[0]!.routes[0]).toBe(evaluateRoute(compiled, facts).route);
        }
      }),
      { numRuns: 200 },
    );
  });
});
