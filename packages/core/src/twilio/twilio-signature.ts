import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';

/*
 * Twilio's `X-Twilio-Signature`, written once for Herald: the API checks the callbacks Twilio
 * posts, and the devkit's local Twilio signs the ones it posts, with this same code. The `twilio`
 * package stays out of core; tests hold this against Twilio's published example and against the
 * package's own validator.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */

/** Form fields as a body parser gives them: a repeated field is an array. */
export type TwilioParams = Record<string, unknown>;

/**
 * The signature of a request to `url` (the full URL Twilio called, query included) with these
 * form fields: base64 of HMAC-SHA1, keyed by the auth token, over the URL followed by each
 * field's name and value, fields in name order (a repeated field once per distinct value, in
 * order).
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = Array.isArray(value) ? [...new Set(value.map(String))].sort() : [value];
    for (const one of values) data += `${name}${one}`;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Whether `signature` is one of the auth tokens' signature of this request. Twilio signs the
 * URL as it called it, but a proxy or a port written out (`:443`) changes what the receiver
 * sees, so every form of the URL Twilio's own validator tries is tried here too.
 */
export function isValidTwilioSignature(
  authTokens: readonly string[],
  signature: string,
  url: string,
  params: TwilioParams,
): boolean {
  const given = Buffer.from(signature);
  return urlForms(url).some((form) =>
    authTokens.some((token) => {
      const expected = Buffer.from(twilioSignature(token, form, params));
      return expected.length === given.length && timingSafeEqual(expected, given);
    }),
  );
}

/**
 * The URL as received, with and without its default port; then as `new URL()` normalises it
 * (for back ends that signed an escaped form), also with the query re-encoded the way Node's
 * legacy `querystring` does.
 */
function urlForms(url: string): string[] {
  const received = [withoutPort(url), withDefaultPort(url)];
  let normalised: string;
  try {
    normalised = new URL(url).toString();
  } catch {
    return received;
  }
  const forms = [withoutPort(normalised), withDefaultPort(normalised)];
  return [...new Set([...received, ...forms, ...forms.map(legacyQuery)])];
}

/** Scheme, authority and the rest, split without normalising a character. */
function splitUrl(url: string) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme, authority] = match as unknown as [string, string, string];
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // In an IPv6 literal the port's colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

function legacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${stringifyQuery(parseQuery(url.slice(start + 1)))}`;
}
