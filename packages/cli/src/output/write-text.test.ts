import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeText } from './write-text.js';

/** A writable that holds each write until the test releases it, so backpressure is visible without timers. */
function heldWritable(): { stream: Writable; release: () => void; written: string[] } {
  const written: string[] = [];
  let pending: (() => void) | undefined;
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk.toString());
      pending = callback;
    },
  });
  return { stream, written, release: () => pending?.() };
}

describe('writeText', () => {
  it('returns at once while the stream has room', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    await writeText(stream, 'ok\n');
    expect(chunks).toEqual(['ok\n']);
  });

  it('waits for drain when the buffer is full, and resolves once the reader catches up', async () => {
    const { stream, release, written } = heldWritable();
    let done = false;
    const writing = writeText(stream, 'a long line\n').then(() => {
      done = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(written).toEqual(['a long line\n']);
    expect(done).toBe(false);
    release();
    await writing;
    expect(done).toBe(true);
  });

  it('rejects when the stream fails while it waits', async () => {
    const { stream } = heldWritable();
    const writing = writeText(stream, 'a long line\n');
    stream.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await expect(writing).rejects.toThrow('EPIPE');
  });

  it('rejects a write to a stream that is already closed rather than wait forever', async () => {
    const { stream } = heldWritable();
    stream.destroy();
    await expect(writeText(stream, 'x')).rejects.toThrow('closed');
  });

  it('writes nothing for empty text', async () => {
    const { stream, written } = heldWritable();
    await writeText(stream, '');
    expect(written).toEqual([]);
  });
});
