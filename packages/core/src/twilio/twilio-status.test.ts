import { describe, expect, it } from 'vitest';
import { keywordOf } from '../inbound/inbound-keywords.js';
import { twilioStatusUpdate } from './twilio-status.js';

describe("Twilio's statuses and error codes", () => {
  it.each([
    ['undelivered', '30003', 'recipient_unreachable'],
    ['undelivered', '30005', 'invalid_recipient'],
    ['undelivered', '30006', 'invalid_recipient'],
    ['undelivered', '30007', 'carrier_filtered'],
    ['undelivered', '30008', 'delivery_failed'],
    ['failed', '30001', 'delivery_failed'],
    ['failed', undefined, 'delivery_failed'],
  ] as const)('%s with ErrorCode %s → %s, Twilio’s code kept', (status, code, errorCode) => {
    expect(twilioStatusUpdate(status, code)).toMatchObject({
      status,
      errorCode,
      providerErrorCode: code ?? null,
    });
  });

  it('sent and delivered carry no error; statuses Herald does not track change nothing', () => {
    expect(twilioStatusUpdate('sent', undefined)).toEqual({ status: 'sent' });
    expect(twilioStatusUpdate('delivered', undefined)).toEqual({ status: 'delivered' });
    for (const status of ['queued', 'accepted', 'sending', 'scheduled', 'read', 'canceled', 'x'])
      expect(twilioStatusUpdate(status, undefined)).toBeNull();
  });

  it('the error message names Twilio’s code and never echoes anything else from the request', () => {
    expect(twilioStatusUpdate('undelivered', '30003')?.errorMessage).toMatch(
      /handset.*\(Twilio error 30003\)$/,
    );
  });
});

describe('inbound keywords', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['  stop ', 'opt_out'],
    ['StopAll', 'opt_out'],
    ['unsubscribe', 'opt_out'],
    ['CANCEL', 'opt_out'],
    ['end', 'opt_out'],
    ['Quit', 'opt_out'],
    ['START', 'opt_in'],
    ['yes', 'opt_in'],
    ['Unstop', 'opt_in'],
    ['help', 'help'],
    ['please stop texting me', null],
    ['STOP!', null],
    ['', null],
  ] as const)('%j is %s', (body, keyword) => {
    expect(keywordOf(body)).toBe(keyword);
  });
});
