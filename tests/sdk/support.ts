import type { ApiHarness, TestAccount } from '@herald/api/testing';
import { Herald, type HeraldOptions } from '@herald/sdk';

/**
 * The SDK as a customer uses it: real HTTP (the harness listens on a port) with the runtime's
 * own fetch, and a fresh organisation with a full-scope key. No fetch is mocked.
 */
export async function sdkClient(
  api: ApiHarness,
  name = 'SDK customer',
  options: Partial<HeraldOptions> = {},
): Promise<{ herald: Herald; account: TestAccount }> {
  if (!api.url)
    throw new Error(
      'start the harness with `listen: true` (or the platform with `callbacks: true`)',
    );
  const account = await api.newAccount(name);
  return { herald: new Herald({ apiKey: account.secret, baseUrl: api.url, ...options }), account };
}

/** What a promise rejected with (fails the test when it resolves). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
