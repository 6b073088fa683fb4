import { describe, expect, it } from 'vitest';
import { domainsNamedIn, parseMailbox } from './mailbox.js';

describe('parseMailbox: one sender address, parsed as nodemailer parses it', () => {
  it.each([
    ['ada@example.com', { name: '', address: 'ada@example.com' }],
    ['<Ada@Example.COM>', { name: '', address: 'ada@example.com' }],
    ['Ada Lovelace <ada@example.com>', { name: 'Ada Lovelace', address: 'ada@example.com' }],
    ['"Acme, Inc" <billing@acme.test>', { name: 'Acme, Inc', address: 'billing@acme.test' }],
    ['"A \\"B\\" C" <a@b.test>', { name: 'A "B" C', address: 'a@b.test' }],
    [
      'Zoë Ünïcode <zoe@xn--bcher-kva.example>',
      { name: 'Zoë Ünïcode', address: 'zoe@xn--bcher-kva.example' },
    ],
  ])('%j is %j', (raw, mailbox) => {
    expect(parseMailbox(raw, 'from')).toEqual(mailbox);
  });

  it.each([
    ['MARK5 x@evil.example, <a@example.com>', /2 addresses/],
    ['', /0 addresses/],
    ['Team: a@b.test, c@d.test;', /group/],
    ['x@evil.example<a@example.com>', /nothing else/],
    ['a@b.test <c@d.test>', /may not contain `@`/],
    ['"security@paypal.com" <a@example.com>', /may not contain `@`/],
    ['a@b.test (Name)', /nothing else/],
    ['Name a@b.test', /nothing else/],
    ['a@b.test evil', /nothing else/],
    ['a@evil@b.test', /must look like/],
    ['ada@bücher.example', /xn-- form/],
    ['Ada <ada@localhost>', /must look like/],
    ['Ada\u202E <ada@example.com>', /invisible/],
    ['Ada\u200B <ada@example.com>', /invisible/],
    ['Ada\r\nBcc: x <ada@example.com>', /control/],
    ['=?utf-8?B?QQ==?= <ada@example.com>', /encoded word/],
    [`${'n'.repeat(101)} <ada@example.com>`, /longer than 100/],
  ])('%j is refused (%s), naming the field', (raw, reason) => {
    expect(() => parseMailbox(raw, 'reply_to')).toThrow(
      expect.objectContaining({
        code: 'invalid_sender_address',
        param: 'reply_to',
        detail: expect.stringMatching(reason),
      }),
    );
  });

  it('finds the domains a display name shows', () => {
    expect(domainsNamedIn('PayPal.com Security')).toEqual(['paypal.com']);
    expect(domainsNamedIn('Acme Inc. billing')).toEqual([]);
    expect(domainsNamedIn('www.Bank.example and shop.test')).toEqual([
      'www.bank.example',
      'shop.test',
    ]);
  });
});
