import { createLoaderRule } from '../loader-findings.js';

/** Everything the loader rejects that no narrower rule names: YAML syntax, the schema, reviewers, justifications, operators. */
export const validPolicy = createLoaderRule({
  id: 'valid-policy',
  category: 'schema',
  description: 'The file parses as YAML and passes every check of the policy loader (schema, reviewer roles, justifications, operator types).',
});
