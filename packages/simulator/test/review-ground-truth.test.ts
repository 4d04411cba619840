// The sample histories are generated with known ground truth (scripts/history-models.ts):
// sales-outreach's high-value-account hold is a formality, and support-refunds has one
// lead who approves in under a minute and approves everything. The report must name
// exactly those, on every shipped history, and nothing else.
import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { reviewReport } from '../src/index.js';
import { MODELS } from '../scripts/history-models.js';

const ROOT = new URL('../../../', import.meta.url);

describe('oversight report on the shipped sample histories', () => {
  it.each(MODELS.map((model) => [model.name, model] as const))('%s: names the checkpoints and reviewers the generator made ceremonial, and no others', async (name, model) => {
    const loaded = loadPolicy(readFileSync(new URL(`policies/${name}.yaml`, ROOT), 'utf8'), name);
    if (!loaded.ok) throw new Error(`${name} does not load`);
    const report = await reviewReport([{ name, chunks: createReadStream(new URL(`policies/history/${name}.history.jsonl`, ROOT), 'utf8') }], { policy: compilePolicy(loaded.policy) });
    expect(report.ceremonial.rules.map((rule) => rule.rule)).toEqual(model.ceremonialRule === undefined ? [] : [model.ceremonialRule]);
    const stamper = model.rubberStamper;
    expect(report.rubberStamping.reviewers.map((reviewer) => [reviewer.reviewerId, reviewer.role, [...reviewer.signs].sort()])).toEqual(
      stamper === undefined ? [] : [[stamper.id, stamper.role, ['approves-all', 'fast']]],
    );
  });

  it('has ground truth to find: one ceremonial checkpoint and one rubber stamp across the shipped histories', () => {
    expect(MODELS.filter((model) => model.ceremonialRule !== undefined)).toHaveLength(1);
    expect(MODELS.filter((model) => model.rubberStamper !== undefined)).toHaveLength(1);
  });
});
