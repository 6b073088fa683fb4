import { specDataFields } from './redact-keys.generated.js';

/**
 * Keys Herald's own log lines use on purpose. They share a name with some API field (`status`,
 * `channel`) but hold no one's data in a log line: an HTTP status, a channel name, an error code.
 */
export const LOGGED_BY_DESIGN = new Set([
  'id',
  'status',
  'channel',
  'provider',
  'code',
  'attempt',
  'error',
  'kind',
  'type',
  'store',
  'created_at',
  'updated_at',
  'object',
]);

/** Secrets that are not API fields, or not only: redacted wherever they appear. */
const SECRETS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'apiKey',
  'api_key',
  'content',
  'recipient',
  'sender',
];

/**
 * What pino redacts: every field the spec classes as account, usage or content data (a new field
 * is redacted the day it is added to the spec), except the keys logged by design, and the secrets.
 * The list of spec fields is generated (`npm run generate`) and a test keeps it current.
 */
export function redactedKeys(): string[] {
  const fromSpec = specDataFields.filter((name) => !LOGGED_BY_DESIGN.has(name));
  return [...new Set([...fromSpec, ...SECRETS])].sort();
}
