import { z } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a zod shape and fails fast with a message that names each
 * variable at fault. Deployables call this once, from their own config.ts.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: Record<string, string | undefined>,
): z.infer<z.ZodObject<Shape>> {
  // Empty strings count as unset, as in most twelve-factor tools.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = z.object(shape).safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
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
