// Request bodies: read whole up to a cap (1 MiB), then parsed as JSON (through
// core's parseJson, which also refuses repeated keys and deep nesting) or as a
// urlencoded form. A body over the cap is refused unread past the cap: 413.
import type { IncomingMessage } from 'node:http';
import { parseJson } from '@oversight/core';
import { HttpError } from './http-error.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        // Stop keeping it; the response says 413 and closes the connection.
        refused = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
    // A connection closed before the body ended (the desk is shutting down, the client left).
    request.on('close', () => {
      if (!request.complete) reject(new HttpError(400, 'incomplete-body', 'the connection closed before the body ended'));
    });
  });
}

/** A JSON object body: anything else (an array, a number, not JSON) is a 400. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  requireType(request, 'application/json');
  const parsed = parseJson(await readBody(request));
  if (!parsed.ok) throw new HttpError(400, 'invalid-input', `the body is not usable JSON: ${parsed.error.message}`);
  if (!isRecord(parsed.value)) throw new HttpError(400, 'invalid-input', 'the body must be a JSON object');
  return parsed.value;
}

export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  requireType(request, 'application/x-www-form-urlencoded');
  return new URLSearchParams(await readBody(request));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A JSON body must say it is JSON: a cross-site form can send only form types,
// so this also keeps other sites' pages from posting to the agent's endpoints.
function requireType(request: IncomingMessage, type: string): void {
  const given = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (given !== type) throw new HttpError(415, 'unsupported-media-type', `send the body as ${type}${given ? `, not ${given}` : ''}`);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body-too-large', `the body is larger than ${limit} bytes`);
}
