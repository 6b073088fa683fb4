import type TestAgent from 'supertest/lib/agent.js';
import twilio from 'twilio';

/** The public URL the API harness is built with when it does not listen (what Twilio signs). */
export const HARNESS_PUBLIC_URL = 'http://localhost:3000';

/**
 * Posts a form to a Twilio callback route the way Twilio does: form-encoded, with the
 * `X-Twilio-Signature` the real `twilio` package computes for the full URL and the fields.
 * `signature: null` sends none; `signedUrl` signs another URL than the one posted to.
 */
export function postAsTwilio(
  http: TestAgent,
  path: string,
  form: Record<string, string>,
  options: { authToken: string; signature?: string | null; signedUrl?: string },
) {
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(
          options.authToken,
          options.signedUrl ?? `${HARNESS_PUBLIC_URL}${path}`,
          form,
        )
      : options.signature;
  const request = http.post(path).type('form').send(form);
  return signature === null ? request : request.set('X-Twilio-Signature', signature);
}

/** A new key of the account behind `auth`, as Twilio's clients use it: Basic, and its URL. */
export async function twilioCredentials(
  http: TestAgent,
  auth: { Authorization: string },
): Promise<{ basic: string; messagesPath: string }> {
  const key = await http.post('/v1/api-keys').set(auth).send({ name: 'twilio' }).expect(201);
  const sid = key.body.twilio_account_sid as string;
  return {
    basic: `Basic ${Buffer.from(`${sid}:${key.body.secret}`).toString('base64')}`,
    messagesPath: `/2010-04-01/Accounts/${sid}/Messages.json`,
  };
}
