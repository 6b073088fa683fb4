import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import {
  apiKeyCreatedEmail,
  closureScheduledEmail,
  newSignInEmail,
  passwordChangedEmail,
  twoFactorChangedEmail,
  userDeletedEmail,
} from '../notifications/security-emails.js';
import type { SystemEmail } from '../notifications/system-email.job.js';
import type { Clock } from '../platform/clock.js';
import type { BestEffort } from '../platform/observability/best-effort.js';
import { networkOf } from '../platform/rate-limit/throttle-keys.js';
import type { AccountDatabase } from '../platform/stores/account.schema.js';
import { ownerEmails } from './membership.store.js';

/** Where a sign-in came from, as the log-in log keeps it. */
export type SignInOrigin = { ip: string | null; userAgent: string | null };

/**
 * Security notices (issue 17, item 6): a password changed, a sign-in from a device or network
 * the user had not used, a new API key, a closing scheduled. Each is sent after the change is
 * committed and never undoes it: a notice that cannot be queued is reported
 * (`security_notice`), not thrown.
 */
export class SecurityNotices {
  constructor(
    private readonly deps: {
      db: Kysely<AccountDatabase>;
      mailer: { send(email: SystemEmail): Promise<unknown> };
      clock: Clock;
      publicUrl: string;
      bestEffort: BestEffort;
    },
  ) {}

  passwordChanged(user: { email: string; name: string }): Promise<void> {
    return this.send(
      passwordChangedEmail(user.email, user.name, this.deps.clock.now(), this.deps.publicUrl),
    );
  }

  userDeleted(user: { email: string; name: string }): Promise<void> {
    return this.send(userDeletedEmail(user.email, user.name, this.deps.clock.now()));
  }

  twoFactorChanged(user: { email: string; name: string }, on: boolean): Promise<void> {
    return this.send(
      twoFactorChangedEmail(user.email, user.name, on, this.deps.clock.now(), this.deps.publicUrl),
    );
  }

  /**
   * After a successful sign-in (already in the log-in log): a notice when no earlier successful
   * sign-in of the user came from the same device (user agent) on the same network (/24, /48).
   * Not for a user's first sign-in: there is nothing to compare it with.
   */
  async signedIn(user: { id: string; email: string; name: string }, origin: SignInOrigin) {
    const earlier = await this.deps.db
      .selectFrom('login_events')
      .select(['ip', 'user_agent'])
      .where('user_id', '=', user.id)
      .where('success', '=', true)
      .orderBy('id', 'desc')
      .offset(1) // the sign-in being noticed is the newest
      .limit(200)
      .execute();
    if (earlier.length === 0) return;
    const network = signInNetworkOf(origin.ip);
    const known = earlier.some(
      (e) => e.user_agent === origin.userAgent && signInNetworkOf(e.ip) === network,
    );
    if (known) return;
    await this.send(
      newSignInEmail(
        user.email,
        user.name,
        { at: this.deps.clock.now(), device: deviceOf(origin.userAgent), network },
        this.deps.publicUrl,
      ),
    );
  }

  async apiKeyCreated(
    accountId: string,
    key: { id: string; name: string; mode: string; scope: string },
    by: { userId: string } | { apiKeyId: string },
  ): Promise<void> {
    const organisation = await this.organisation(accountId);
    const creator =
      'userId' in by
        ? ((
            await this.deps.db
              .selectFrom('users')
              .select('name')
              .where('id', '=', by.userId)
              .executeTakeFirst()
          )?.name ?? by.userId)
        : `API key ${by.apiKeyId}`;
    for (const owner of await this.owners(accountId))
      await this.send(
        apiKeyCreatedEmail(
          owner,
          organisation,
          { ...key, at: this.deps.clock.now(), by: creator },
          this.deps.publicUrl,
        ),
      );
  }

  async closureScheduled(accountId: string, purgeAt: Date): Promise<void> {
    const organisation = await this.organisation(accountId);
    for (const owner of await this.owners(accountId))
      await this.send(
        closureScheduledEmail(
          owner,
          organisation,
          { at: this.deps.clock.now(), purgeAt },
          this.deps.publicUrl,
        ),
      );
  }

  private async owners(accountId: string): Promise<string[]> {
    return (await ownerEmails(this.deps.db, accountId)).map((owner) => owner.email);
  }

  private async organisation(accountId: string): Promise<string> {
    const account = await this.deps.db
      .selectFrom('accounts')
      .select('name')
      .where('id', '=', accountId)
      .executeTakeFirst();
    return account?.name ?? accountId;
  }

  private async send(email: SystemEmail): Promise<void> {
    await this.deps.bestEffort.attempt('security_notice', this.deps.mailer.send(email));
  }
}

/**
 * The network of an address, not the machine: an IPv4 /24 (`203.0.113.x`) or the IPv6 /64 the
 * throttles count by, so a notice neither fires on every new lease nor shows the full address.
 */
export function signInNetworkOf(ip: string | null): string {
  const network = networkOf(ip);
  return isIP(network) === 4 ? `${network.split('.').slice(0, 3).join('.')}.x` : network;
}

/** A user agent in a few words: the browser and the system, as far as they can be told. */
export function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'an unknown device';
  const browser =
    /(Edg|Firefox|Chrome|Safari|curl|node)[/ ]?[\d.]*/
      .exec(userAgent)?.[1]
      ?.replace('Edg', 'Edge') ?? 'a browser';
  const system =
    /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(userAgent)?.[1] ?? 'an unknown system';
  return `${browser} on ${system.replace('Mac OS X', 'macOS')}`;
}
