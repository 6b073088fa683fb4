import argon2 from 'argon2';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 iterations, 1 lane): about 50 ms on one core. The
 * parameters live in the hash, so raising them later re-hashes at the next log-in.
 */
const options = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, options);
}

/**
 * A hash of a password nobody has, verified when the email is unknown, so a failed log-in takes
 * as long whether or not the address has a user.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that never matches');
  return decoy;
}
