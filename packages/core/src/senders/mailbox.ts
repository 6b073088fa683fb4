import addressparser from 'nodemailer/lib/addressparser';
import { HeraldError } from '../platform/errors/herald-error.js';

/**
 * One sender address as the mailer gets it: nodemailer is handed this object, never a string it
 * would parse again, so the address Herald checked is the address that is sent (ADR 15).
 */
export type Mailbox = { name: string; address: string };

/** A plain ASCII addr-spec; an internationalised domain is written in its `xn--` form. */
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/;
/** Control, format (bidi overrides, zero-width) and separator characters: text that reads differently than it is. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** What looks like a domain inside a display name: `paypal.com`, `www.bank.example`. */
const DOMAIN_LIKE = /(?:[\p{L}\p{N}-]+\.)+\p{L}[\p{L}\p{N}-]+/gu;
const MAX_NAME = 100;

/**
 * Parses a `from` or `reply_to` with the parser nodemailer itself uses (its `addressparser`),
 * and accepts it only when it is exactly one mailbox written plainly: `ada@example.com`,
 * `<ada@example.com>`, `Ada <ada@example.com>` or `"Ada, Inc" <ada@example.com>`. Lists,
 * groups, comments and stray words are refused rather than guessed at: that guess is where
 * `MARK5 x@evil.example, <a@example.com>` was read one way and sent another. The address comes
 * back lower-cased, as recipients are stored.
 */
export function parseMailbox(raw: string, param: string): Mailbox {
  const refuse = (reason: string) => new HeraldError('invalid_sender_address', { param, reason });
  if (INVISIBLE.test(raw)) throw refuse('it contains control or invisible formatting characters');
  const parsed = addressparser(raw);
  if (parsed.length !== 1) throw refuse(`it holds ${parsed.length} addresses`);
  const [entry] = parsed;
  if (!entry || entry.group) throw refuse('a group of addresses is not a sender');
  const { address } = entry;
  if (!address || address.length > 254 || !ADDRESS.test(address))
    throw refuse(
      'the address must look like ada@example.com (an international domain in its xn-- form)',
    );
  const name = entry.name;
  if (!writtenPlainly(raw.trim(), name, address))
    throw refuse('only a name and one address in angle brackets may be given, nothing else');
  checkDisplayName(name, refuse);
  return { name, address: address.toLowerCase() };
}

/** The domains a display name shows (`PayPal.com Security` → `paypal.com`), lower-cased. */
export function domainsNamedIn(name: string): string[] {
  return [...name.matchAll(DOMAIN_LIKE)].map((match) => match[0].toLowerCase());
}

/** `raw` is one of the plain spellings of exactly this name and address. */
function writtenPlainly(raw: string, name: string, address: string): boolean {
  if (name === '') return raw === address || raw === `<${address}>`;
  const quoted = `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return raw === `${name} <${address}>` || raw === `${quoted} <${address}>`;
}

/**
 * A display name is what a reader trusts most and checks least, so it may not carry an address
 * (`"security@paypal.com" <x@allowed.example>`), angle brackets, or MIME encoded-words, which
 * mail clients decode into text Herald never saw.
 */
function checkDisplayName(name: string, refuse: (reason: string) => HeraldError): void {
  if ([...name].length > MAX_NAME) throw refuse(`the name is longer than ${MAX_NAME} characters`);
  if (/[@<>]/.test(name)) throw refuse('the name may not contain `@`, `<` or `>`');
  if (name.includes('=?')) throw refuse('the name may not contain an encoded word (`=?`)');
}
