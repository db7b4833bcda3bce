import pino, { type Logger } from 'pino';

/** Structured JSON logs. Authorization headers and tokens are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'opsgraph' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', 'connectionParams.authorization'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
