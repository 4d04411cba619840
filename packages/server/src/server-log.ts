// Where the server reports what an operator must see: a policy reload that
// failed, a sweep that threw, an unexpected error behind a 500, the startup
// warning of insecure mode. Request logging is Fastify's (off by default).
import type { FastifyBaseLogger } from 'fastify';

export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** One line a message on stderr: the default when Fastify's logger is off. */
export const stderrLog: ServerLog = {
  info: (message) => write('info', message),
  warn: (message) => write('warn', message),
  error: (message, error) => write('error', error === undefined ? message : `${message}: ${describeError(error)}`),
};

function write(level: string, message: string): void {
  process.stderr.write(`oversight-server ${level}: ${message.replace(/\r?\n/g, ' | ')}\n`);
}

/** The server's messages through Fastify's pino logger, when the caller turned it on. */
export function pinoLog(logger: FastifyBaseLogger): ServerLog {
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, error) => (error === undefined ? logger.error(message) : logger.error({ err: error }, message)),
  };
}

/** `TypeError: message`, for a one-line log. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
