import { readFileSync } from 'node:fs';
import { captureLogger } from '@herald/devkit/testing';
import { fieldNamesByClass, loadSpec } from '@herald/openapi';
import { describe, expect, it } from 'vitest';
import { renderRedactKeys } from './redact-keys.render.js';
import { redactedKeys } from './redaction.js';

describe('log redaction from the spec', () => {
  it('the generated list is current (run `npm run generate` after changing the spec)', () => {
    const committed = readFileSync(new URL('./redact-keys.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderRedactKeys(fieldNamesByClass(loadSpec())));
  });

  it('redacts every personal field of the API, and keeps the keys logged by design', () => {
    const keys = redactedKeys();
    for (const name of [
      'to',
      'from',
      'body',
      'subject',
      'html',
      'email',
      'name',
      'identifier',
      'url',
      'ip',
      'user_agent',
    ]) {
      expect(keys).toContain(name);
    }
    for (const name of ['status', 'channel', 'code']) expect(keys).not.toContain(name);
  });

  it('a field logged by mistake comes out redacted, nested or not', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      { to: '+14155550100', job: { body: 'secret words', status: 'sent' }, email: 'a@example.com' },
      'oops',
    );
    const line = lines.join('');
    expect(line).not.toContain('+14155550100');
    expect(line).not.toContain('secret words');
    expect(line).not.toContain('a@example.com');
    expect(line).toContain('"status":"sent"');
  });

  it('reaches request headers and objects in arrays, and leaves the logged object untouched', () => {
    const { logger, lines } = captureLogger();
    const logged = {
      req: { headers: { authorization: 'Bearer hk_test_secret', cookie: 'herald_session=abc' } },
      recipients: [{ email: 'b@example.com', status: 'queued' }, 'plain'],
    };
    logger.info(logged, 'oops');
    const line = lines.join('');
    for (const secret of ['hk_test_secret', 'herald_session=abc', 'b@example.com'])
      expect(line).not.toContain(secret);
    expect(line).toContain('"status":"queued"');
    expect(logged.recipients[0]).toEqual({ email: 'b@example.com', status: 'queued' });
  });
});
