import {
  type AccountService,
  type AuthenticatedKey,
  HeraldError,
  twilioAccountSid,
} from '@herald/core';
import type { Request } from 'express';

const HOW =
  "Authenticate the way Twilio's clients do: HTTP Basic with the API key's `twilio_account_sid` as the user name and its secret as the password.";

/**
 * The Twilio-compatible routes' credential. Twilio's clients send HTTP Basic (account SID, auth
 * token); Herald takes an API key's secret as the token, and its `twilio_account_sid` as the
 * user name and in the URL, so one request names one key throughout. A Herald `Bearer` key is a
 * caller on the wrong route: refused with Herald's own `forbidden`.
 */
export async function authenticateTwilioBasic(
  req: Request,
  accounts: AccountService,
): Promise<AuthenticatedKey> {
  const header = req.get('authorization');
  if (header && /^Bearer\s/i.test(header)) throw new HeraldError('forbidden', { detail: HOW });
  const ip = req.ip ?? null;
  // A wrong pair counts against the source like a wrong key (see AccountService.authenticate).
  const refuse = async (detail?: string) =>
    accounts.failedAuthentication(ip, new HeraldError('invalid_api_key', { detail }));
  const credentials = basicCredentials(header);
  if (!credentials) throw header ? await refuse() : new HeraldError('missing_api_key');
  const key = await accounts.authenticate(credentials.password, ip);
  const sid = twilioAccountSid(key.principal.apiKeyId);
  if (credentials.user !== sid)
    throw await refuse(`The user name is not this key's account SID. ${HOW}`);
  if (req.params.AccountSid !== sid)
    throw await refuse(
      "The account SID in the URL is not the authenticating key's `twilio_account_sid`.",
    );
  return key;
}

function basicCredentials(
  header: string | undefined,
): { user: string; password: string } | undefined {
  const encoded = header && /^Basic +([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
