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
