import { describe, expect, it } from 'vitest';
import { scrubAnswer } from './erasure-scrub.js';
import {
  exportKeyPair,
  hashDownloadToken,
  newDownloadToken,
  openArchive,
  sealArchive,
  tokenMatches,
} from './export-crypto.js';
import { erasedIdentifier, guessChannel, resolveSubject } from './subject.js';

describe('export archives: sealed to the link’s token', () => {
  it('opens with the token it was sealed for, and with nothing else', () => {
    const token = newDownloadToken();
    const { publicKey } = exportKeyPair(token, 'sxp_1');
    const sealed = sealArchive(publicKey, Buffer.from('{"ok":true}'), 'aad-1');
    expect(openArchive(token, 'sxp_1', sealed, 'aad-1').toString()).toBe('{"ok":true}');
    expect(() => openArchive(newDownloadToken(), 'sxp_1', sealed, 'aad-1')).toThrow();
    expect(() => openArchive(token, 'sxp_2', sealed, 'aad-1')).toThrow();
    expect(() => openArchive(token, 'sxp_1', sealed, 'aad-2')).toThrow();
    expect(tokenMatches(token, hashDownloadToken(token))).toBe(true);
    expect(tokenMatches(`${token}x`, hashDownloadToken(token))).toBe(false);
  });
});

describe('subjects', () => {
  it.each([
    ['+14155550100', 'sms'],
    [' Ada@Example.com ', 'email'],
    [`tok_${'a'.repeat(40)}`, 'push'],
  ] as const)('%s is guessed to be %s', (identifier, channel) => {
    expect(guessChannel(identifier)).toBe(channel);
  });

  it('normalises like a send does, and refuses what Herald could not send to', () => {
    expect(resolveSubject(' Ada@Example.com ')).toEqual({
      channel: 'email',
      identifier: 'ada@example.com',
    });
    expect(() => resolveSubject('+1 415 555')).toThrow(
      expect.objectContaining({ code: 'invalid_phone_number' }),
    );
  });

  it('a stored answer loses the erased person only: a batch keeps the others as they were', () => {
    const erased = erasedIdentifier('ab');
    const answer = {
      object: 'list',
      data: [
        {
          index: 0,
          message: {
            object: 'message',
            to: '+14155550100',
            metadata: { a: '1' },
            status_callback: 'https://x',
          },
        },
        {
          index: 1,
          message: {
            object: 'message',
            to: '+14155550101',
            metadata: { b: '2' },
            status_callback: null,
          },
        },
      ],
    };
    expect(scrubAnswer(answer, '+14155550100', erased)).toEqual({
      object: 'list',
      data: [
        {
          index: 0,
          message: { object: 'message', to: erased, metadata: {}, status_callback: null },
        },
        answer.data[1],
      ],
    });
  });
});
