// Writing responses. Pages carry a content security policy that allows no
// script, nothing from elsewhere and forms posting only back here; nothing is
// cached, and no referrer leaves for another site (a flash message rides in the
// query). Not `no-referrer`: under it a browser sends `Origin: null` with a
// form post, and the desk refuses posts whose origin is not its own.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Html } from '../pages/html.js';
import { STYLE } from '../pages/style.js';

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const PAGE_HEADERS = {
  ...COMMON_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
};

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(response, status, { error: { code, message } }, headers);
}

export function sendPage(response: ServerResponse, status: number, page: Html): void {
  response.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(page.text) });
  response.end(page.text);
}

/** 303 See Other: after a form post, the browser GETs `location`, so a reload never posts twice. */
export function redirect(response: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  response.writeHead(303, { ...COMMON_HEADERS, location, 'content-length': 0, ...headers });
  response.end();
}
