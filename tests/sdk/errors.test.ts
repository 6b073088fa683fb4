import { type ApiHarness, startApiHarness } from '@herald/api/testing';
import {
  AuthenticationError,
  Herald,
  HeraldError,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '@herald/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rejectionOf, sdkClient } from './support.js';

/** Herald's problem documents, as the real API sends them, become typed errors. */
describe('SDK: errors', () => {
  let h: ApiHarness;
  let herald: Herald;
  beforeAll(async () => {
    h = await startApiHarness({ listen: true });
    herald = (await sdkClient(h, 'SDK errors')).herald;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('a wrong key is an AuthenticationError with code, status and request id', async () => {
    const wrong = new Herald({ apiKey: `hk_test_${'x'.repeat(40)}`, baseUrl: h.url! });
    const error = await rejectionOf(wrong.account.get());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(HeraldError);
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      code: 'invalid_api_key',
    });
    expect((error as HeraldError).requestId).toMatch(/^req_/);
  });

  it('a key whose scope does not allow the call is a PermissionError', async () => {
    const { secret } = await herald.apiKeys.create({ name: 'sender', scope: 'send_only' });
    const sender = new Herald({ apiKey: secret, baseUrl: h.url! });
    const error = await rejectionOf(sender.messages.list());
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('an invalid field is a ValidationError naming the param', async () => {
    const error = await rejectionOf(
      herald.messages.send({ channel: 'sms', to: '0800 not e164', body: 'x' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_phone_number', param: 'to' });
    expect(error.message).toMatch(/to/);
  });

  it('content that was never stored is a NotFoundError saying why', async () => {
    const sent = await herald.messages.send({
      channel: 'sms',
      to: '+14155550152',
      body: 'No-store',
      content_retention: 'none',
    });
    const error = await rejectionOf(herald.messages.content(sent.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'content_not_stored' });
  });

  it('the key and base URL come from HERALD_API_KEY and HERALD_BASE_URL; no key at all is refused at once', async () => {
    const account = await h.newAccount('From the environment');
    vi.stubEnv('HERALD_API_KEY', account.secret);
    vi.stubEnv('HERALD_BASE_URL', `${h.url}/`);
    expect((await new Herald().account.get()).name).toBe('From the environment');
    vi.stubEnv('HERALD_API_KEY', '');
    expect(() => new Herald()).toThrow(/HERALD_API_KEY/);
  });
});
