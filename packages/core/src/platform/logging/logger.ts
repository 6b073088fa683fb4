import { type DestinationStream, type Logger, pino } from 'pino';
import { redactedKeys } from './redaction.js';

export type { Logger };

/**
 * Paths that may carry personal data or secrets, driven from the spec's `x-data-class` marking
 * (see redaction.ts). Herald's code does not log them in the first place; redaction is the net
 * under that rule, for a field someone adds by mistake.
 */
const redacted = new Set([...redactedKeys(), 'authorization', 'cookie']);
const CENSOR = '[redacted]';
/** Deep enough for `field`, `object.field` and `req.headers.field`. */
const MAX_DEPTH = 3;

/**
 * Replaces every redacted key's value, copying only the objects it changes. A walk over a
 * Set instead of pino's path-based `redact`: with ~300 wildcard paths that cost the API a
 * measurable share of its CPU per request (bench/, ADR 12).
 */
export function redactFields(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const field = value[key];
    let next = field;
    if (redacted.has(key)) next = CENSOR;
    else if (depth < MAX_DEPTH && isPlainObject(field)) next = redactFields(field, depth + 1);
    else if (depth < MAX_DEPTH && Array.isArray(field)) {
      const items = field.map((item) =>
        isPlainObject(item) ? redactFields(item, depth + 1) : item,
      );
      if (items.some((item, i) => item !== field[i])) next = items;
    }
    if (next !== field) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export type LoggerOptions = { level?: string; name: string; destination?: DestinationStream };

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      formatters: { log: (object) => redactFields(object) },
      // The pid tells apart the processes of one deployable (API_PROCESSES, WORKER_PROCESSES).
      base: { service: options.name, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/** Error fields that are safe to log: never the message text, which may quote a recipient. */
export function safeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const withCode = error as Error & { code?: unknown; status?: unknown };
    return { type: error.name, code: withCode.code, status: withCode.status };
  }
  return { type: typeof error };
}
