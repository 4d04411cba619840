/**
 * The schema of a `<name>.cases.yaml` file: the same as schemas/cases.schema.json
 * (cases-schema.test.ts keeps them equal), inlined so the built CLI needs no file.
 */
export const casesSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://oversight.dev/schemas/cases.schema.json',
  title: 'Oversight policy cases (<name>.cases.yaml)',
  description: 'Executable specifications of one routing policy: facts of proposed actions and the decision the policy promises for each. `oversight test` runs them; see docs/testing-policies.md.',
  type: 'object',
  required: ['policy', 'cases'],
  additionalProperties: false,
  properties: {
    policy: {
      description: 'The policy file these cases test, relative to this file, e.g. support-refunds.yaml.',
      type: 'string',
      minLength: 1,
    },
    cases: {
      description: 'The cases, each run against the policy as it is (thresholds at their values unless --threshold overrides them).',
      type: 'array',
      minItems: 1,
      items: { $ref: '#/$defs/case' },
    },
  },
  $defs: {
    case: {
      type: 'object',
      required: ['name', 'facts', 'expect'],
      additionalProperties: false,
      properties: {
        name: {
          description: 'What the case shows, as a sentence; unique in the file. Reports name the case by it.',
          type: 'string',
          minLength: 1,
        },
        facts: {
          description: 'The facts of the proposed action, as a service would pass them to evaluate.',
          type: 'object',
        },
        decisionKey: {
          description: "The caller's id for the action (QA sampling hashes it); without one the canonical facts are hashed.",
          type: 'string',
          minLength: 1,
        },
        expect: { $ref: '#/$defs/expectation' },
      },
    },
    expectation: {
      description: 'The decision the policy promises. route and matched are always checked; error is checked too (absent: no error); undecided and reviewer only when given.',
      type: 'object',
      required: ['route', 'matched'],
      additionalProperties: false,
      properties: {
        route: {
          description: 'The route the decision must take.',
          enum: ['auto', 'review_after', 'approve_before', 'escalate', 'deny'],
        },
        matched: {
          description: 'The ids of every rule that must match, in any order; [] for none (the default route).',
          $ref: '#/$defs/ruleIds',
        },
        error: {
          description: 'The error code of a decision that must take onError. Absent: the decision must carry no error.',
          enum: ['invalid-fact', 'undeclared-fact', 'missing-fact', 'irreversibility-unknown', 'provider-error', 'provider-timeout', 'invalid-json'],
        },
        undecided: {
          description: 'The ids of the rules that could not be decided for missing facts, in any order. Absent: not checked.',
          $ref: '#/$defs/ruleIds',
        },
        reviewer: {
          description: 'The reviewer role the decision must name; null: it must name none. Absent: not checked.',
          type: ['string', 'null'],
          pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
        },
      },
    },
    ruleIds: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 },
    },
  },
} as const;
