import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { AccountService } from '@herald/core';
import { createTestStores, ensureBuilt, repoRoot, type TestStores } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the operator CLI (npm run herald)', () => {
  let t: TestStores;
  beforeAll(async () => {
    t = await createTestStores();
    ensureBuilt();
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
    const { principal } = await new AccountService(t.stores.account).authenticate(secret);
    expect(principal.accountId).toBe(accountId);
    const rows = await t.stores.account.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('keys create --test makes a test-mode key for an account', async () => {
    const account = await new AccountService(t.stores.account).createAccount('Beta');
    const out = herald('keys', 'create', '--account', account.id, '--name', 'CI', '--test');
    expect(out).toMatch(/secret:\s+hk_test_\w{38}/);
  });

  it('an unknown command exits 2 with the usage', () => {
    expect(() => herald('frobnicate')).toThrow(/unknown command/);
  });

  it('master-key rotate re-wraps the data keys under the new key; the content stays readable with it', async () => {
    const { ContentVault, generateMasterKey, parseMasterKey } = await import('@herald/core');
    const [oldKey, newKey] = [generateMasterKey(), generateMasterKey()];
    const account = await new AccountService(t.stores.account).createAccount('Rotated');
    await new ContentVault(t.stores.content, parseMasterKey(oldKey)).store(
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
      await new ContentVault(t.stores.content, parseMasterKey(newKey)).read(
        account.id,
        'msg_cli_rotate',
      ),
    ).toEqual({ channel: 'sms', body: 'kept' });
  });
});
