import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

function terminal() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('progressBar', () => {
  it('redraws one line at most every 100 ms, and clears it when done so only the report remains', () => {
    const out = terminal();
    let now = 1_000;
    const bar = progressBar(out.stream, 64 << 20, () => now);
    bar.update(16 << 20);
    now += 50;
    bar.update(24 << 20);
    now += 100;
    bar.update(32 << 20);
    expect(out.text()).toBe(`\r[${'#'.repeat(8)}${'.'.repeat(22)}]  25% of 64 MB\r[${'#'.repeat(15)}${'.'.repeat(15)}]  50% of 64 MB`);
    bar.done();
    expect(out.text().endsWith(`\r${' '.repeat(54)}\r`)).toBe(true);
  });

  it('writes nothing at all when the replay ends before the first redraw', () => {
    const out = terminal();
    const bar = progressBar(out.stream, 64 << 20, () => 0);
    bar.done();
    expect(out.text()).toBe('');
  });
});
