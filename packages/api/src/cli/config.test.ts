import { generateMasterKey, parseMasterKey } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { loadCliConfig, masterKeysToRotate } from './config.js';

describe('the CLI configuration', () => {
  it('when no master key is set, then the commands that need none still run', () => {
    const config = loadCliConfig({});
    expect(config.stores.account).toBe('postgres://postgres@127.0.0.1:5432/herald_account');
    expect(config.masterKey).toBeUndefined();
  });

  it('when master-key rotate misses a key, then it names each one missing', () => {
    const config = loadCliConfig({ HERALD_MASTER_KEY: generateMasterKey() });
    expect(() => masterKeysToRotate(config)).toThrow(
      /^Invalid configuration:\n {2}HERALD_NEW_MASTER_KEY: is required by master-key rotate/,
    );
    expect(() => masterKeysToRotate(loadCliConfig({}))).toThrow(
      /HERALD_MASTER_KEY: is required[^\n]*\n {2}HERALD_NEW_MASTER_KEY: is required/,
    );
  });

  it('when both keys are set, then rotation gets them parsed', () => {
    const [from, to] = [generateMasterKey(), generateMasterKey()];
    const keys = masterKeysToRotate(
      loadCliConfig({ HERALD_MASTER_KEY: from, HERALD_NEW_MASTER_KEY: to }),
    );
    expect(keys.to.key).toEqual(parseMasterKey(to).key);
    expect(keys.from.key).toEqual(parseMasterKey(from).key);
  });

  it('when a key is set but malformed, then the CLI refuses to start, whatever the command', () => {
    expect(() => loadCliConfig({ HERALD_NEW_MASTER_KEY: 'not-a-key' })).toThrow(
      /^Invalid configuration:\n {2}HERALD_NEW_MASTER_KEY: /,
    );
  });
});
