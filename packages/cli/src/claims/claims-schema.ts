/**
 * The schema of a `<name>.claims.yaml` file: the same as schemas/claims.schema.json
 * (claims-schema.test.ts keeps them equal), inlined so the built CLI needs no file.
 */
export const claimsSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://oversight.dev/schemas/claims.schema.json',
  title: 'Oversight policy claims (<name>.claims.yaml)',
  description: 'Claims about one routing policy, checked over every input its facts admit: `oversight prove` answers each with holds, or fails with an example. The file sits beside the policy (<name>.claims.yaml for <name>.yaml); see docs/analysis.md.',
  type: 'object',
  required: ['claims'],
  additionalProperties: false,
  properties: {
    claims: {
      description: 'The claims, each named and of one kind.',
      type: 'array',
      minItems: 1,
      items: {
        $ref: '#/$defs/claim',
      },
    },
  },
  $defs: {
    claim: {
      description: 'A named claim of exactly one kind: irreversible-waits, no-default, rules-effective or route.',
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: {
          description: 'What the claim promises, short; unique in the file. --claim selects claims by it.',
          type: 'string',
          minLength: 1,
        },
        description: {
          description: 'Why the claim matters, for the reader of the file.',
          type: 'string',
        },
        'irreversible-waits': {
          description: 'No action whose irreversible fact is true (or absent) runs before a person looks (auto or review_after), but through the exemptions of the rules listed.',
          type: 'object',
          additionalProperties: false,
          properties: {
            exempt: {
              description: 'The rules whose exemption the claim allows (default: every rule the policy exempts).',
              type: 'array',
              items: {
                type: 'string',
                minLength: 1,
              },
              uniqueItems: true,
            },
          },
        },
        'no-default': {
          description: 'No valid input falls through to the policy\'s default: some rule decides every one.',
          type: 'object',
          additionalProperties: false,
        },
        'rules-effective': {
          description: 'Every rule decides at least one input; a rule that never does is named with the rules that win where it matches.',
          type: 'object',
          additionalProperties: false,
        },
        route: {
          description: 'Every valid input where `when` holds is routed to one of `is`.',
          type: 'object',
          required: ['when', 'is'],
          additionalProperties: false,
          properties: {
            when: {
              description: 'A condition in the policy\'s language (all/any/not, fact, operator, value, path), over the policy\'s facts and thresholds.',
              type: 'object',
            },
            is: {
              description: 'The routes allowed there.',
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: {
                enum: ['auto', 'review_after', 'approve_before', 'escalate', 'deny'],
              },
            },
          },
        },
      },
      oneOf: [
        {
          required: ['irreversible-waits'],
          properties: {
            'irreversible-waits': true,
          },
        },
        {
          required: ['no-default'],
          properties: {
            'no-default': true,
          },
        },
        {
          required: ['rules-effective'],
          properties: {
            'rules-effective': true,
          },
        },
        {
          required: ['route'],
          properties: {
            route: true,
          },
        },
      ],
    },
  },
} as const;
