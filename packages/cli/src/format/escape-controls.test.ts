import { describe, expect, it } from 'vitest';
import { escapeControlsInHtml } from './escape-controls.js';

// escapeControls itself is core's (packages/core/src/text/escape-controls.test.ts).
describe('escapeControlsInHtml', () => {
  it('keeps tabs and line feeds, which HTML renders as white space, and shows every other control', () => {
    expect(escapeControlsInHtml('line one\n\tline two')).toBe('line one\n\tline two');
    expect(escapeControlsInHtml('a\rb')).toBe('a\\rb');
    expect(escapeControlsInHtml('\u001b[2J\u202eevil\u2066')).toBe('\\u001b[2J\\u202eevil\\u2066');
  });
});
