import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { OperatorService, systemClock } from '@herald/core';
import {
  accountServiceFor,
  createTestStores,
  ensureBuilt,
  repoRoot,
  type TestStores,
  testMasterKey,
} from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the operator CLI (npm run herald)', () => {
  let t: TestStores;
  /** A named operator (issue 17, item 8): `--operator` names them by address. */
  let ada: { id: string; email: string };
  beforeAll(async () => {
    t = await createTestStores();
    ensureBuilt();
    ada = (
      await new OperatorService({
        db: t.stores.account,
        masterKey: testMasterKey(),
        clock: systemClock,
      }).create({ email: 'ada.ops@example.com', name: 'Ada' })
    ).operator;
  });
  afterAll(() => t.drop());

  const herald = (...args: string[]) =>
    execFileSync(
      process.execPath,
      [path.join(repoRoot(), 'packages/api/dist/cli/herald.js'), ...args],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          ACCOUNT_DATABASE_URL: t.urls.account,
          USAGE_DATABASE_URL: t.urls.usage,
          CONTENT_DATABASE_URL: t.urls.content,
        },
      },
    );

  it('migrate reports each store as up to date', () => {
    expect(herald('migrate')).toMatch(
      /account: up to date\nusage: up to date\ncontent: up to date/,
    );
  });

  it('accounts create prints an account and a key secret that authenticates, and stores only its hash', async () => {
    const out = herald('accounts', 'create', '--name', 'Acme');
    const accountId = /account: (acc_\w+)/.exec(out)?.[1];
    const secret = /secret:\s+(hk_live_\w+)/.exec(out)?.[1];
    expect(accountId).toBeDefined();
    const { principal } = await accountServiceFor(t.stores.account).authenticate(secret);
    expect(principal.accountId).toBe(accountId);
    const rows = await t.stores.account.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('keys create --test makes a test-mode key for an account', async () => {
    const account = await accountServiceFor(t.stores.account).createAccount('Beta');
    const out = herald('keys', 'create', '--account', account.id, '--name', 'CI', '--test');
    expect(out).toMatch(/secret:\s+hk_test_\w{38}/);
  });

  it('numbers assign gives an account a number, verified, moving it from its holder; numbers list shows every claim; both audited', async () => {
    const accounts = accountServiceFor(t.stores.account);
    const [first, second] = [
      await accounts.createAccount('Holder'),
      await accounts.createAccount('Next'),
    ];
    expect(herald('numbers', 'assign', '+15005550050', '--account', first.id)).toMatch(
      new RegExp(`\\+15005550050: held by ${first.id} \\(verified`),
    );
    const moved = herald(
      'numbers',
      'assign',
      '+15005550050',
      '--account',
      second.id,
      '--operator',
      ada.email,
    );
    expect(moved).toContain(`held by ${second.id}`);
    expect(moved).toContain(`moved away from ${first.id}`);
    const list = herald('numbers', 'list');
    expect(list).toMatch(new RegExp(`\\+15005550050  ${second.id}  verified`));
    expect(list).not.toContain(first.id);
    const audit = await t.stores.account
      .selectFrom('audit_events')
      .select(['account_id', 'action', 'actor_type', 'actor_id'])
      .where('action', 'like', 'phone_number.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        account_id: first.id,
        action: 'phone_number.assigned',
        actor_type: 'operator',
        actor_id: expect.stringMatching(/^cli:/),
      },
      {
        account_id: first.id,
        action: 'phone_number.moved_away',
        actor_type: 'operator',
        actor_id: ada.id,
      },
      {
        account_id: second.id,
        action: 'phone_number.assigned',
        actor_type: 'operator',
        actor_id: ada.id,
      },
    ]);
    expect(() => herald('numbers', 'assign', '555-0100', '--account', first.id)).toThrow(/E\.164/);
  });

  it('domains allow, list and revoke keep the email domains an account may send from', async () => {
    const account = await accountServiceFor(t.stores.account).createAccount('Mailer');
    expect(herald('domains', 'allow', 'Bücher.Example', '--account', account.id)).toContain(
      'may send email from xn--bcher-kva.example',
    );
    expect(herald('domains', 'list', '--account', account.id)).toMatch(
      /^xn--bcher-kva\.example {2}since /,
    );
    expect(herald('domains', 'revoke', 'xn--bcher-kva.example', '--account', account.id)).toContain(
      'revoked',
    );
    expect(herald('domains', 'list', '--account', account.id)).toContain('no domains');
  });

  it('providers cap sets a provider account’s cap in place of its default, providers list shows it, and default puts it back; audited', async () => {
    expect(herald('providers', 'list')).toBe(
      'sms  twilio  no cap  (default)\nemail  smtp  no cap  (default)\npush  fcm  10000 messages/s  (default)\n',
    );
    expect(herald('providers', 'cap', 'sms', '30', '--operator', ada.email)).toMatch(
      /^sms {2}twilio {2}30 segments\/s {2}\(set \d{4}-/,
    );
    expect(herald('providers', 'list')).toMatch(/^sms {2}twilio {2}30 segments\/s/);
    expect(() => herald('providers', 'cap', 'fax', '3')).toThrow(/sms, email or push/);
    expect(() => herald('providers', 'cap', 'email', '0')).toThrow(/above 0/);
    expect(herald('providers', 'cap', 'sms', 'default')).toContain('no cap  (default)');
    const audit = await t.stores.account
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('action', '=', 'provider_account.pacing_changed')
      .execute();
    expect(audit.map((row) => row.details)).toEqual([{ per_second: 30 }, { per_second: null }]);
    expect(audit[0]?.actor_id).toBe(ada.id);
    // Nobody acts under a name that is not an operator's.
    expect(() =>
      herald('providers', 'cap', 'sms', '31', '--operator', 'mallory@example.com'),
    ).toThrow(/no operator has this address/);
  });

  it('an unknown command exits 2 with the usage', () => {
    expect(() => herald('frobnicate')).toThrow(/unknown command/);
  });

  it('master-key rotate re-wraps the data keys under the new key; the content stays readable with it', async () => {
    const { ContentVault, generateMasterKey, parseMasterKey } = await import('@herald/core');
    const [oldKey, newKey] = [generateMasterKey(), generateMasterKey()];
    const account = await accountServiceFor(t.stores.account).createAccount('Rotated');
    await new ContentVault({ content: t.stores.content, masterKey: parseMasterKey(oldKey) }).store(
      account.id,
      'msg_cli_rotate',
      { channel: 'sms', body: 'kept' },
    );
    const out = execFileSync(
      process.execPath,
      [path.join(repoRoot(), 'packages/api/dist/cli/herald.js'), 'master-key', 'rotate'],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          ACCOUNT_DATABASE_URL: t.urls.account,
          USAGE_DATABASE_URL: t.urls.usage,
          CONTENT_DATABASE_URL: t.urls.content,
          HERALD_MASTER_KEY: oldKey,
          HERALD_NEW_MASTER_KEY: newKey,
        },
      },
    );
    expect(out).toMatch(/re-wrapped 1 data keys/);
    expect(
      await new ContentVault({ content: t.stores.content, masterKey: parseMasterKey(newKey) }).read(
        account.id,
        'msg_cli_rotate',
      ),
    ).toEqual({ channel: 'sms', body: 'kept' });
  });
});
