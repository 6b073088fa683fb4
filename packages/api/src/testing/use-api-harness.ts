import { afterAll, beforeAll, expect } from 'vitest';
import { type ApiHarness, type HarnessOptions, startApiHarness } from './api.harness.js';

/**
 * The API harness for a test file: started before its tests, closed after them, and every
 * response of the run held against the spec (no contract violation). Returns the harness by
 * reference, usable from the first `beforeAll` the file registers after this call.
 */
export function useApiHarness(options: HarnessOptions = {}): ApiHarness {
  let started: ApiHarness | undefined;
  beforeAll(async () => {
    started = await startApiHarness(options);
  });
  afterAll(async () => {
    if (!started) return;
    expect(started.violations).toEqual([]);
    await started.close();
  });
  return new Proxy({} as ApiHarness, {
    get(_target, property) {
      if (!started) throw new Error('the API harness is used before its beforeAll ran');
      const value = Reflect.get(started, property);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}
