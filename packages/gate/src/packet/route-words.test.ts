import { ROUTES, type Route } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { routeWords } from './route-words.js';

describe('routeWords', () => {
  it('says what each route means for the reviewer', () => {
    expect(ROUTES.map(routeWords)).toEqual([
      'Runs automatically: no person needed',
      'Ran already: review after',
      'Needs approval before it runs',
      'Escalated: a higher authority decides',
      'Denied: it does not run',
    ]);
  });

  it('names a route it does not know as it is, and is not fooled by a prototype key', () => {
    expect(routeWords('hold' as Route)).toBe('Route: hold');
    expect(routeWords('constructor' as Route)).toBe('Route: constructor');
  });
});
