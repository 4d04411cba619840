import { describe, expect, it } from 'vitest';
import { isSafeAnswerUrl } from './answer-url.js';

describe('isSafeAnswerUrl', () => {
  it('accepts http, https and URLs relative to the page', () => {
    for (const url of ['https://gate.example/answer', 'http://localhost:8080/a?x=1', '/answer', 'answer', '?proposal=1']) {
      expect(isSafeAnswerUrl(url), url).toBe(true);
    }
  });

  it('refuses a scheme that runs or shows content of its own, however it is disguised', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', '\u0001javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x']) {
      expect(isSafeAnswerUrl(url), JSON.stringify(url)).toBe(false);
    }
  });
});
