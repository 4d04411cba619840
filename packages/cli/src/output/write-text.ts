import type { Writable } from 'node:stream';

/**
 * Writes text and waits for `drain` when the stream's buffer is full, so a
 * slow reader (a pager, a pipe) holds evaluation back instead of letting
 * output pile up in memory. Rejects if the stream errors or closes first.
 */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (stream.destroyed) throw new Error('output stream is closed');
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = (): void => settle();
    const onError = (error: Error): void => settle(error);
    const onClose = (): void => settle(new Error('output stream closed before it drained'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
