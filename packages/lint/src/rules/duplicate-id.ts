import { createLoaderRule } from '../loader-findings.js';

export const duplicateId = createLoaderRule({
  id: 'duplicate-id',
  category: 'schema',
  description: 'Rule ids are unique within a policy: decisions, history and reports name rules by id.',
});
