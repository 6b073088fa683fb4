import { staticResolver } from '@herald/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../testing/api.harness.js';
import { twilioCredentials } from '../testing/twilio-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

type Verdict = 'accepted' | 'refused';
/** One SMS, as the JSON API's body (raw text) and as the Twilio route's form (raw text). */
type Case = { name: string; json: string | Buffer; form: string; verdict: Verdict };

const TO = '+14155550100';
const json = (fields: Record<string, unknown>) =>
  JSON.stringify({ channel: 'sms', to: TO, ...fields });
const form = (fields: Record<string, string>) =>
  new URLSearchParams({ To: TO, ...fields }).toString();
const same = (name: string, verdict: Verdict, jsonFields: object, formFields: object): Case => ({
  name,
  verdict,
  json: json(jsonFields as Record<string, unknown>),
  form: form(formFields as Record<string, string>),
});

const CASES: Case[] = [
  same('a plain body', 'accepted', { body: 'Hi' }, { Body: 'Hi' }),
  same('HTML and CRLF in the body', 'accepted', { body: '<b>x</b>\r\n' }, { Body: '<b>x</b>\r\n' }),
  same('an empty body', 'refused', { body: '' }, { Body: '' }),
  {
    name: 'a NUL in the body',
    verdict: 'refused',
    json: json({ body: 'a\u0000b' }),
    form: `${form({})}&Body=a%00b`,
  },
  {
    name: 'an unpaired surrogate in the body',
    verdict: 'refused',
    json: '{"channel":"sms","to":"+14155550100","body":"x\\ud800y"}',
    form: `${form({})}&Body=x%ED%A0%80y`,
  },
  {
    name: 'bytes that are not UTF-8',
    verdict: 'refused',
    json: Buffer.concat([
      Buffer.from(json({ body: 'caf' }).slice(0, -2)),
      Buffer.from([0xe9, 0x22, 0x7d]),
    ]),
    form: `${form({})}&Body=caf%E9`,
  },
  same('11 segments', 'accepted', { body: 'x'.repeat(1600) }, { Body: 'x'.repeat(1600) }),
  same('49 segments', 'refused', { body: '😀'.repeat(1600) }, { Body: '😀'.repeat(1600) }),
  same('a bad recipient', 'refused', { to: '555', body: 'x' }, { To: '555', Body: 'x' }),
  same(
    'a long sender',
    'refused',
    { from: 'Way Too Long Sender', body: 'x' },
    { From: 'Way Too Long Sender', Body: 'x' },
  ),
  same(
    'a public callback',
    'accepted',
    { body: 'x', status_callback: 'https://hooks.example/cb' },
    { Body: 'x', StatusCallback: 'https://hooks.example/cb' },
  ),
  same(
    'an internal callback',
    'refused',
    { body: 'x', status_callback: 'https://10.0.0.1/cb' },
    { Body: 'x', StatusCallback: 'https://10.0.0.1/cb' },
  ),
  same(
    'a validity of 0',
    'refused',
    { body: 'x', validity_period: 0 },
    { Body: 'x', ValidityPeriod: '0' },
  ),
  same(
    'a validity of 36001',
    'refused',
    { body: 'x', validity_period: 36001 },
    { Body: 'x', ValidityPeriod: '36001' },
  ),
  same(
    'a validity of 600',
    'accepted',
    { body: 'x', validity_period: 600 },
    { Body: 'x', ValidityPeriod: '600' },
  ),
];

/**
 * The JSON API and the Twilio-compatible route take the same SMS by the same rules: what one
 * refuses, the other refuses too (each in its own format), and what one accepts, the other does.
 */
describe('one SMS, two routes, the same rules', () => {
  const h = useApiHarness({
    listen: true,
    webhooks: { resolve: staticResolver({ 'hooks.example': ['93.184.216.34'] }) },
  });
  let account: TestAccount;
  let basic: string;
  let twilioPath: string;
  beforeAll(async () => {
    account = await h.newAccount('Parity');
    ({ basic, messagesPath: twilioPath } = await twilioCredentials(h.http, account.auth));
  });

  const verdictOf = (status: number): Verdict | number =>
    status === 202 || status === 201
      ? 'accepted'
      : status >= 400 && status < 500
        ? 'refused'
        : status;
  const post = async (path: string, auth: string, type: string, body: string | Buffer) => {
    const res = await fetch(`${h.url}${path}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': type },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('every case gets the same verdict on both routes; a refusal writes nothing', async () => {
    const seen: string[] = [];
    for (const c of CASES) {
      const before = await h.footprint();
      const viaJson = await post(
        '/v1/messages',
        account.auth.Authorization,
        'application/json',
        c.json,
      );
      const viaForm = await post(twilioPath, basic, 'application/x-www-form-urlencoded', c.form);
      seen.push(`${c.name}: ${verdictOf(viaJson.status)} / ${verdictOf(viaForm.status)}`);
      if (c.verdict === 'refused') expect(await h.footprint()).toEqual(before);
    }
    expect(seen).toEqual(CASES.map((c) => `${c.name}: ${c.verdict} / ${c.verdict}`));
  });

  it('a NUL in a Twilio Body is refused with a code, as the JSON API refuses it', async () => {
    const res = await post(
      twilioPath,
      basic,
      'application/x-www-form-urlencoded',
      `${form({})}&Body=a%00b`,
    );
    expect(res).toMatchObject({
      status: 400,
      body: { code: 20001, more_info: 'urn:herald:error:malformed_body' },
    });
  });
});
