import { z } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** One line per variable at fault, the format every process refuses to start with. */
export function invalidConfiguration(issues: ReadonlyArray<{ variable: string; message: string }>) {
  const lines = issues.map(({ variable, message }) => `  ${variable}: ${message}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/**
 * Parses environment variables with a process's config schema and fails fast with a message
 * that names each variable at fault. Deployables call this once, from their own config.ts; a
 * schema's cross-field rules report their issues under the variable to change, like the rest.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  // Empty strings count as unset, as in most twelve-factor tools.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    throw invalidConfiguration(
      result.error.issues.map((issue) => ({
        variable: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

export const postgresUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\//,
    'must be a postgres:// URL, like postgres://user@127.0.0.1:5432/herald_usage',
  );

export const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379');

export const port = z.coerce.number().int().min(0).max(65535);

export const positiveInt = z.coerce.number().int().positive();

export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const CLUSTER_NODES_EXAMPLE = 'like 10.0.0.1:6379,10.0.0.2:6379 or rediss://:secret@10.0.0.1:6379';

/**
 * `REDIS_CLUSTER_NODES`: a Redis Cluster's seed nodes, comma-separated, each `host:port` or a
 * `redis://` / `rediss://` URL (for a password or TLS, which then apply to every node).
 */
export const redisClusterNodes = z.string().transform((value, ctx) => {
  const nodes: { host: string; port: number }[] = [];
  let auth: { username?: string; password?: string; tls: boolean } = { tls: false };
  for (const entry of value.split(',').map((e) => e.trim())) {
    const url = URL.canParse(`redis://${entry}`)
      ? new URL(/^rediss?:\/\//.test(entry) ? entry : `redis://${entry}`)
      : null;
    const port = Number(url?.port);
    if (!url || !/^rediss?:$/.test(url.protocol) || !url.hostname || !(port > 0)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not host:port (${CLUSTER_NODES_EXAMPLE})`,
      });
      return z.NEVER;
    }
    nodes.push({ host: url.hostname, port });
    if (url.password || url.protocol === 'rediss:')
      auth = {
        username: decodeURIComponent(url.username) || undefined,
        password: decodeURIComponent(url.password) || undefined,
        tls: url.protocol === 'rediss:',
      };
  }
  return { nodes, ...auth };
});

/**
 * `HERALD_QUEUE_PREFIX`: Herald adds a hash tag per queue (`<prefix>:{sms}`), so each queue has
 * its own Redis Cluster slot; braces in the prefix would pull every queue back into one.
 */
export const queuePrefix = z
  .string()
  .min(1)
  .regex(/^[^{}\s]+$/, 'must not contain braces or spaces, like herald (ADR 26)');
