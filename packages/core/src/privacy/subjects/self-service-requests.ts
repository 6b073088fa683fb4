import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../audit/audit-log.js';
import {
  PRIVACY_CODE_MINUTES,
  privacyCodeEmail,
  privacyCodeSms,
  privacyExportEmail,
  privacyExportSms,
} from '../../notifications/privacy-request-emails.js';
import type { SystemEmail } from '../../notifications/system-email.job.js';
import type { SystemSms } from '../../notifications/system-sms.job.js';
import type { Clock } from '../../platform/clock.js';
import { open, seal } from '../../platform/crypto/aead.js';
import { heraldKey } from '../../platform/crypto/herald-key.js';
import type { MasterKey } from '../../platform/crypto/master-key.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type { AccountDatabase } from '../../platform/stores/account.schema.js';
import type { ChannelName, UsageDatabase } from '../../platform/stores/usage.schema.js';
import type { PreferenceService } from '../../preferences/preference.service.js';
import { maskIdentifier } from '../../suppressions/identifier.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import type { ErasureService } from './erasure.service.js';
import type { SubjectExportService } from './export.service.js';
import type { PrivacyRequestLog } from './privacy-request.service.js';
import { resolveSubject } from './subject.js';
import type { SubjectRestrictionService } from './subject-restriction.service.js';

/** What an end user may ask for on the form: a copy, erasure, restriction, or no marketing. */
export type SelfServiceKind = 'export' | 'erasure' | 'restriction' | 'objection';
export const SELF_SERVICE_KINDS: readonly SelfServiceKind[] = [
  'export',
  'erasure',
  'restriction',
  'objection',
];

/** Wrong codes before the request is locked (ended `failed`). */
export const MAX_CODE_ATTEMPTS = 5;
/** Requests one address may file on one organisation's form in an hour; the form's own limit. */
const PER_ADDRESS_PER_HOUR = 3;
const PER_FORM_PER_HOUR = 100;
const KEY_NAME = 'privacy-request-form';

export type Submitted =
  | { ok: true; requestId: string; masked: string }
  | { ok: false; reason: string };

export type Verified =
  | { status: 'done'; message: string }
  | { status: 'wrong_code'; attemptsLeft: number }
  | { status: 'ended'; message: string };

type Deps = {
  account: Kysely<AccountDatabase>;
  usage: Kysely<UsageDatabase>;
  hasher: IdentifierHasher;
  masterKey: MasterKey;
  requests: PrivacyRequestLog;
  erasures: ErasureService;
  restrictions: SubjectRestrictionService;
  exports: SubjectExportService;
  preferences: PreferenceService;
  mailer: { send(email: SystemEmail): Promise<unknown> };
  texter: { send(sms: SystemSms): Promise<void> };
  clock: Clock;
  publicUrl: string;
};

/**
 * End users' own requests (issue 17, item 1), on a form the organisation links from its privacy
 * notice: `/privacy-request/{token}`, the token an HMAC of the account id under a Herald key.
 * The request enters the register at once (`awaiting_verification`, its clock running from
 * then); a one-time code goes to the phone number or email address they gave, through Herald's
 * own SMS and email; once they enter it, Herald acts: erasure, restriction and objection at
 * once, a copy by a download link sent to the same address. The identifier waits sealed in the
 * usage store until then, and the code only as a hash.
 */
export class SelfServiceRequests {
  private readonly formKey: () => Promise<Buffer>;

  constructor(private readonly deps: Deps) {
    this.formKey = heraldKey(deps.usage, deps.masterKey, KEY_NAME);
  }

  async formUrl(accountId: string): Promise<string> {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}/privacy-request/${accountId}.${await this.mac(accountId)}`;
  }

  /** The organisation a genuine form token stands for, or null. */
  async organisationOf(token: string): Promise<{ accountId: string; name: string } | null> {
    const [accountId, mac] = token.split('.');
    if (!accountId || !mac) return null;
    const expected = Buffer.from(await this.mac(accountId));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const account = await this.deps.account
      .selectFrom('accounts')
      .select(['id', 'name', 'status'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    return account && account.status !== 'closed' ? { accountId, name: account.name } : null;
  }

  async submit(
    organisation: { accountId: string; name: string },
    input: { kind: SelfServiceKind; identifier: string },
  ): Promise<Submitted> {
    const { accountId } = organisation;
    let channel: ChannelName;
    let identifier: string;
    try {
      ({ channel, identifier } = resolveSubject(input.identifier));
    } catch (error) {
      if (error instanceof HeraldError)
        return {
          ok: false,
          reason: 'Enter a phone number (with its country code, +44…) or an email address.',
        };
      throw error;
    }
    if (channel === 'push')
      return {
        ok: false,
        reason: 'Enter a phone number (with its country code, +44…) or an email address.',
      };
    const hash = await this.deps.hasher.hash(accountId, channel, identifier);
    const refused = await this.overLimit(accountId, hash);
    if (refused) return { ok: false, reason: refused };
    const now = this.deps.clock.now();
    const request = await this.deps.requests.open({
      accountId,
      kind: input.kind,
      channel,
      identifierHash: hash,
      actor: { type: 'end_user', id: null, ip: null },
      status: 'awaiting_verification',
      origin: { source: 'end_user', receivedAt: now },
    });
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.deps.usage
      .insertInto('privacy_request_verifications')
      .values({
        request_id: request.id,
        account_id: accountId,
        channel,
        identifier_hash: hash,
        identifier_sealed: seal(
          this.deps.masterKey.key,
          Buffer.from(identifier, 'utf8'),
          sealAad(accountId, request.id),
        ),
        code_hash: codeHash(request.id, code),
        expires_at: new Date(now.getTime() + PRIVACY_CODE_MINUTES * 60_000),
        created_at: now,
      })
      .execute();
    if (channel === 'email')
      await this.deps.mailer.send(privacyCodeEmail(identifier, organisation.name, code));
    else
      await this.deps.texter.send({
        to: identifier,
        body: privacyCodeSms(organisation.name, code),
      });
    return { ok: true, requestId: request.id, masked: maskIdentifier(channel, identifier) };
  }

  async verify(
    organisation: { accountId: string; name: string },
    requestId: string,
    code: string,
  ): Promise<Verified> {
    const { accountId } = organisation;
    const row = await this.deps.usage
      .selectFrom('privacy_request_verifications')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) return { status: 'ended', message: 'This request is no longer waiting for a code.' };
    const now = this.deps.clock.now();
    if (row.expires_at.getTime() <= now.getTime()) {
      await this.end(accountId, requestId, 'expired', 'Not verified: the code expired unused.');
      return { status: 'ended', message: 'The code expired. Please file your request again.' };
    }
    const given = Buffer.from(codeHash(requestId, code.trim()));
    if (!timingSafeEqual(given, Buffer.from(row.code_hash))) {
      const attempts = row.attempts + 1;
      if (attempts >= MAX_CODE_ATTEMPTS) {
        await this.end(accountId, requestId, 'failed', 'Not verified: five wrong codes.');
        return { status: 'ended', message: 'Too many wrong codes: this request is closed.' };
      }
      await this.deps.usage
        .updateTable('privacy_request_verifications')
        .set({ attempts })
        .where('request_id', '=', requestId)
        .execute();
      return { status: 'wrong_code', attemptsLeft: MAX_CODE_ATTEMPTS - attempts };
    }
    const identifier = open(
      this.deps.masterKey.key,
      row.identifier_sealed,
      sealAad(accountId, requestId),
    ).toString('utf8');
    await this.deps.requests.verify(accountId, requestId);
    const request = await this.deps.requests.find(accountId, requestId);
    const message = await this.act(organisation, request!.kind as SelfServiceKind, {
      requestId,
      channel: row.channel,
      identifier,
    });
    await this.forget(requestId);
    return { status: 'done', message };
  }

  private async act(
    organisation: { accountId: string; name: string },
    kind: SelfServiceKind,
    subject: { requestId: string; channel: ChannelName; identifier: string },
  ): Promise<string> {
    const { accountId } = organisation;
    const actor: Actor = { type: 'end_user', id: null, ip: null };
    const request = { identifier: subject.identifier, channel: subject.channel };
    const origin = { requestId: subject.requestId };
    switch (kind) {
      case 'erasure':
        await this.deps.erasures.erase(accountId, request, actor, origin);
        return `Done: your data held for ${organisation.name} is erased.`;
      case 'restriction':
        await this.deps.restrictions.restrict(accountId, request, actor, origin);
        return `Done: ${organisation.name} sends you nothing more through Herald until you ask it to lift this.`;
      case 'objection': {
        const person = await this.deps.preferences.subjectOf(
          accountId,
          subject.channel,
          subject.identifier,
        );
        await this.deps.preferences.update(
          person,
          { marketing: false },
          { source: 'privacy_request', actorId: null },
        );
        await this.deps.requests.settle(
          accountId,
          subject.requestId,
          'completed',
          'Objection recorded: no marketing is sent to them.',
        );
        return `Done: ${organisation.name} sends you no more marketing.`;
      }
      case 'export': {
        const created = await this.deps.exports.request(accountId, request, actor, origin);
        // The organisation's download needs its key; the end user's goes through its form,
        // the link's token the only credential, as it is for the organisation.
        const token = new URL(created.downloadUrl).searchParams.get('token') ?? '';
        const link = `${await this.formUrl(accountId)}/export/${created.export.id}?token=${encodeURIComponent(token)}`;
        if (subject.channel === 'email')
          await this.deps.mailer.send(
            privacyExportEmail(subject.identifier, organisation.name, link),
          );
        else
          await this.deps.texter.send({
            to: subject.identifier,
            body: privacyExportSms(organisation.name, link),
          });
        return 'Done: a download link for your data is on its way to the same address.';
      }
    }
  }

  private async end(
    accountId: string,
    requestId: string,
    status: 'failed' | 'expired',
    outcome: string,
  ): Promise<void> {
    await this.deps.requests.settle(accountId, requestId, status, outcome);
    await this.forget(requestId);
  }

  private async forget(requestId: string): Promise<void> {
    await this.deps.usage
      .deleteFrom('privacy_request_verifications')
      .where('request_id', '=', requestId)
      .execute();
  }

  private async overLimit(accountId: string, hash: string): Promise<string | null> {
    const since = new Date(this.deps.clock.now().getTime() - 3_600_000);
    const { rows } = await sql<{ mine: string; all: string }>`
      select count(*) filter (where identifier_hash = ${hash}) as mine, count(*) as all
      from privacy_requests
      where account_id = ${accountId} and source = 'end_user' and created_at > ${since}`.execute(
      this.deps.account,
    );
    if (Number(rows[0]?.mine ?? 0) >= PER_ADDRESS_PER_HOUR)
      return 'Too many requests for this address in the last hour. Please try again later.';
    if (Number(rows[0]?.all ?? 0) >= PER_FORM_PER_HOUR)
      return 'This form is busy. Please try again in an hour.';
    return null;
  }

  private async mac(accountId: string): Promise<string> {
    return createHmac('sha256', await this.formKey())
      .update(`privacy-request-form:${accountId}`)
      .digest('base64url')
      .slice(0, 32);
  }
}

function sealAad(accountId: string, requestId: string): string {
  return `herald:privacy-request:${accountId}:${requestId}`;
}

function codeHash(requestId: string, code: string): string {
  return createHash('sha256').update(`${requestId}:${code}`).digest('hex');
}
