import { describe, expect, it } from 'vitest';
import { clip, MAX_VALUE_LENGTH } from './clip.js';

describe('clip', () => {
  it('keeps text up to the limit as it is', () => {
    const text = 'x'.repeat(MAX_VALUE_LENGTH);
    expect(clip(text)).toBe(text);
  });

  it('cuts longer text to the limit, ending in an ellipsis', () => {
    const cut = clip('y'.repeat(10_000));
    expect(cut).toHaveLength(MAX_VALUE_LENGTH);
    expect(cut.endsWith('y…')).toBe(true);
  });

  it('never splits a surrogate pair at the cut', () => {
    const cut = clip(`abc${'😀'.repeat(10)}`, 6);
    expect(cut).toBe('abc😀…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
  });
});
