import { createLoaderRule } from '../loader-findings.js';

export const undeclaredFact = createLoaderRule({
  id: 'undeclared-fact',
  category: 'schema',
  description: 'Every fact a condition or the packet names is declared under spec.facts.',
});
