// Core's decision (schemas/decision.schema.json) as the server sends it.
import { decisionSchema } from '@oversight/core';
import { inlineDefs, openFreeFormObjects, type JsonSchema } from './json-schema.js';

export const decisionResponseSchema: JsonSchema = openFreeFormObjects(inlineDefs(decisionSchema, decisionSchema));
