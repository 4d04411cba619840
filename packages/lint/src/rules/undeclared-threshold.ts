import { createLoaderRule } from '../loader-findings.js';

export const undeclaredThreshold = createLoaderRule({
  id: 'undeclared-threshold',
  category: 'schema',
  description: 'Every threshold a condition names is declared under spec.thresholds.',
});
