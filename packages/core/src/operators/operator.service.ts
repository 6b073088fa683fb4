import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { authenticator } from 'otplib';
import { acceptedTotpStep } from '../people/totp.js';
import type { Clock } from '../platform/clock.js';
import { open, seal } from '../platform/crypto/aead.js';
import type { MasterKey } from '../platform/crypto/master-key.js';
import { decoyHash, hashPassword, verifyPassword } from '../platform/crypto/password.js';
import { hashToken, newSecretToken } from '../platform/crypto/secret-token.js';
import { HeraldError } from '../platform/errors/herald-error.js';
import { newId } from '../platform/ids.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';

/** Who an operator action is audited under: their id, and their address for people to read. */
export type Operator = { id: string; email: string; name: string };

export const OPERATOR_SESSION_HOURS = 12;
/** Operator session tokens: told apart from the machine token (`HERALD_OPERATOR_TOKEN`). */
export const OPERATOR_TOKEN_PREFIX = 'hop_';
const HOUR_MS = 60 * 60 * 1000;

/**
 * Named operators (issue 17, item 8; ADR 40). An operator is created from the command line with
 * a password and a TOTP secret shown once; signing in needs both, always, and gives a bearer
 * token for the operator API, valid 12 hours. Every action is then audited under the operator's
 * id, and review outcomes carry their address.
 */
export class OperatorService {
  constructor(
    private readonly deps: { db: Kysely<AccountDatabase>; masterKey: MasterKey; clock: Clock },
  ) {}

  async create(input: { email: string; name: string }): Promise<{
    operator: Operator;
    password: string;
    secret: string;
    otpauthUrl: string;
  }> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new HeraldError('invalid_value', {
        param: 'email',
        reason: 'it must be an email address',
      });
    const id = newId('opr');
    const password = randomBytes(18).toString('base64url');
    const secret = authenticator.generateSecret(20);
    await this.deps.db
      .insertInto('operators')
      .values({
        id,
        email,
        name: input.name,
        password_hash: await hashPassword(password),
        totp_secret_sealed: seal(this.deps.masterKey.key, Buffer.from(secret), aad(id)),
      })
      .execute()
      .catch((error: { code?: string }) => {
        if (error.code === '23505')
          throw new HeraldError('invalid_value', {
            param: 'email',
            reason: 'an operator with this address exists already',
          });
        throw error;
      });
    return {
      operator: { id, email, name: input.name },
      password,
      secret,
      otpauthUrl: authenticator.keyuri(email, 'Herald operators', secret),
    };
  }

  /** A session for an operator who gave their password and a code of their app. */
  async signIn(
    input: { email: string; password: string; code: string },
    ip: string | null,
  ): Promise<{ token: string; expiresAt: Date; operator: Operator }> {
    const row = await this.deps.db
      .selectFrom('operators')
      .selectAll()
      .where('email', '=', input.email.trim().toLowerCase())
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    // Without an operator, verify against a decoy so both failures take the same time.
    const valid = await verifyPassword(row?.password_hash ?? (await decoyHash()), input.password);
    if (!row || !valid) throw new HeraldError('invalid_credentials');
    const secret = open(this.deps.masterKey.key, row.totp_secret_sealed, aad(row.id)).toString();
    const now = this.deps.clock.now();
    const step = acceptedTotpStep(secret, input.code, row.totp_last_step, now);
    if (step === null) throw new HeraldError('two_factor_invalid', { param: 'code' });
    // Recorded only if no other sign-in used this step meanwhile: a code works once.
    const used = await this.deps.db
      .updateTable('operators')
      .set({ totp_last_step: String(step) })
      .where('id', '=', row.id)
      .where((eb) =>
        eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]),
      )
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new HeraldError('two_factor_invalid', { param: 'code' });
    const token = `${OPERATOR_TOKEN_PREFIX}${newSecretToken()}`;
    const expiresAt = new Date(now.getTime() + OPERATOR_SESSION_HOURS * HOUR_MS);
    await this.deps.db
      .insertInto('operator_sessions')
      .values({ token_hash: hashToken(token), operator_id: row.id, ip, expires_at: expiresAt })
      .execute();
    return { token, expiresAt, operator: { id: row.id, email: row.email, name: row.name } };
  }

  /** The operator a session token belongs to, or `operator_token_invalid`. */
  async authenticate(token: string): Promise<Operator> {
    const row = await this.deps.db
      .selectFrom('operator_sessions')
      .innerJoin('operators', 'operators.id', 'operator_sessions.operator_id')
      .select(['operators.id', 'operators.email', 'operators.name'])
      .where('operator_sessions.token_hash', '=', hashToken(token))
      .where('operator_sessions.expires_at', '>', this.deps.clock.now())
      .where('operators.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new HeraldError('operator_token_invalid');
    return row;
  }

  async signOut(token: string): Promise<void> {
    await this.deps.db
      .deleteFrom('operator_sessions')
      .where('token_hash', '=', hashToken(token))
      .execute();
  }

  /** Looks an operator up by address, for the command line's `--operator`. */
  async byEmail(email: string): Promise<Operator | undefined> {
    return this.deps.db
      .selectFrom('operators')
      .select(['id', 'email', 'name'])
      .where('email', '=', email.trim().toLowerCase())
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
  }
}

function aad(operatorId: string): string {
  return `herald:operator-totp:${operatorId}`;
}
