import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestAccount } from '@herald/api/testing';
import {
  dumpDatabase,
  encodingsOf,
  ensureBuilt,
  repoRoot,
  uniqueTag,
} from '@herald/devkit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEV_FROM,
  type Platform,
  startPlatform,
  waitForStatus,
} from '../support/platform.harness.js';

const PHONE = '+14155550161';
const EMAIL = 'babbage.restored@example.org';
const KEPT = '+14155550162';
const STORES = ['account', 'usage', 'content'] as const;

/**
 * Issue 17, item 3: backups don't bring people back. A backup of all three stores is taken
 * (`pg_dump`), two people are erased, the backup is restored into fresh databases (as an
 * operator would after losing the servers), and `npm run herald -- privacy replay-erasures
 * --since` reads the register of erasures — kept in a database of its own, not restored — and
 * erases them again. The restored dumps hold them before the replay and not after; someone
 * else's data is untouched.
 */
describe('replaying erasures after a restore', () => {
  const admin = inject('heraldInfra').postgresAdminUrl;
  const tag = uniqueTag();
  const registerDb = `herald_t_${tag}_register`;
  const restored = Object.fromEntries(STORES.map((s) => [s, `herald_t_${tag}r_${s}`])) as Record<
    (typeof STORES)[number],
    string
  >;
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-backup-'));
  let p: Platform;
  let account: TestAccount;
  let since: Date;
  let replayOutput: string;
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  /** Usage rows that still hold each person, sealed (ADR 38), before and after the replay. */
  const sealedBefore: Record<string, number> = {};
  const sealedAfter: Record<string, number> = {};

  const urlOf = (db: string) => {
    const url = new URL(admin);
    url.pathname = `/${db}`;
    return url.toString();
  };
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  /** Counts, per person, the restored usage rows that hold them sealed, found by keyed hash. */
  const countSealed = async (into: Record<string, number>) => {
    const client = new pg.Client({ connectionString: urlOf(restored.usage) });
    await client.connect();
    try {
      for (const [channel, identifier] of [
        ['sms', PHONE],
        ['email', EMAIL],
        ['sms', KEPT],
      ] as const) {
        const hash = await p.api.built.core.hasher.hash(account.id, channel, identifier);
        const { rows } = await client.query<{ n: string }>(
          'select count(*) as n from messages where identifier_hash = $1 and identifier_sealed is not null',
          [hash],
        );
        into[identifier] = Number(rows[0]!.n);
      }
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    ensureBuilt();
    await adminQuery(`create database "${registerDb}"`);
    p = await startPlatform({ callbacks: true, erasureRegisterUrl: urlOf(registerDb) });
    account = await p.api.newAccount('Replay');
    await p.api.assignNumber(account, DEV_FROM);
    const send = async (body: object, status: string) => {
      const res = await p.api.http.post('/v1/messages').set(account.auth).send(body).expect(202);
      await waitForStatus(p, account.auth, res.body.id, status);
    };
    await send({ channel: 'sms', to: PHONE, body: 'Your table is ready' }, 'delivered');
    await send({ channel: 'sms', to: KEPT, body: 'Your order shipped' }, 'delivered');
    await send({ channel: 'email', to: EMAIL, subject: 'Receipt', text: 'Thank you' }, 'sent');
    expect(
      (await p.sinks.twilio.sendInbound({ from: PHONE, to: DEV_FROM, body: 'STOP' })).status,
    ).toBe(200);

    // The backup: every store, as pg_dump takes it.
    for (const store of STORES)
      execFileSync('pg_dump', ['-Fc', '-f', path.join(dir, `${store}.dump`), p.api.t.urls[store]]);
    since = new Date();

    for (const identifier of [PHONE, EMAIL])
      await p.api.http
        .post('/v1/subjects/erasures')
        .set(account.auth)
        .send({ identifier })
        .expect(200);

    // The servers are lost: the backup goes into fresh databases.
    for (const store of STORES) {
      await adminQuery(`create database "${restored[store]}"`);
      execFileSync('pg_restore', [
        '--no-owner',
        '--exit-on-error',
        '-d',
        urlOf(restored[store]),
        path.join(dir, `${store}.dump`),
      ]);
      before[store] = await dumpDatabase(urlOf(restored[store]));
    }
    await countSealed(sealedBefore);
    replayOutput = execFileSync(
      process.execPath,
      [
        path.join(repoRoot(), 'packages/api/dist/cli/herald.js'),
        'privacy',
        'replay-erasures',
        '--since',
        since.toISOString(),
      ],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          ACCOUNT_DATABASE_URL: urlOf(restored.account),
          USAGE_DATABASE_URL: urlOf(restored.usage),
          CONTENT_DATABASE_URL: urlOf(restored.content),
          ERASURE_REGISTER_URL: urlOf(registerDb),
          HERALD_MASTER_KEY: p.api.masterKey.key.toString('base64'),
        },
      },
    );
    for (const store of STORES) after[store] = await dumpDatabase(urlOf(restored[store]));
    await countSealed(sealedAfter);
  }, 120_000);

  afterAll(async () => {
    await p.close();
    for (const db of [registerDb, ...Object.values(restored)])
      await adminQuery(`drop database if exists "${db}" with (force)`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the restored backup brings the erased people back (so the check below can fail)', () => {
    // Sealed at rest (ADR 38): never in the clear, but their rows are back, found by hash.
    expect(sealedBefore[PHONE]).toBe(2);
    expect(sealedBefore[EMAIL]).toBe(1);
  });

  it('replays every erasure since the backup from the register, finding both people again', () => {
    expect(replayOutput).toContain(`2 erasures since ${since.toISOString()} replayed`);
    expect(replayOutput).toContain('2 people were found again');
    expect(replayOutput).toMatch(/usage\.messages_sent 2/);
    expect(replayOutput).toMatch(/usage\.messages_received 1/);
  });

  it('leaves no clear trace of them in any restored store, and someone else untouched', () => {
    for (const store of STORES)
      for (const identifier of [PHONE, PHONE.slice(1), EMAIL])
        for (const encoded of encodingsOf(identifier))
          expect([store, after[store]!.includes(encoded)]).toEqual([store, false]);
    expect(sealedAfter).toEqual({ [PHONE]: 0, [EMAIL]: 0, [KEPT]: 1 });
  });

  it('audits each replay under the operator, by keyed hash', () => {
    expect(after.account).toMatch(/privacy\.erasure_replayed/);
    expect(after.account).toMatch(/cli:/);
  });
});
