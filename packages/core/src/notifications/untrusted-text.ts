/**
 * Names people chose (organisations, users, inviters) go into Herald's own emails, which carry
 * Herald's authority: there they must read as the text they are and nothing more.
 */

/**
 * Bidirectional controls reorder what follows them: "Acme\u202Egnp.exe" reads "Acmeexe.png".
 * Refused in names at input (the spec's `PersonName`); stripped here for names stored before.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Control characters and line separators: a name is one line (a subject is a header). */
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
/**
 * Mail clients turn `https://…`, `host.tld` and `a@b.tld` found in text into links, in plain-text
 * and HTML parts alike. A zero-width non-joiner after these characters breaks their patterns
 * and changes nothing a reader sees.
 */
const LINK_PUNCTUATION = /([.:/@])(?=\S)/g;
const ZWNJ = '\u200C';

/** Text on one line: bidi and control characters gone, whitespace collapsed, at most `maxLength`. */
export function oneLineName(raw: string, options: { maxLength?: number } = {}): string {
  const cleaned = raw
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = [...cleaned];
  const maxLength = options.maxLength ?? 80;
  return chars.length <= maxLength ? cleaned : `${chars.slice(0, maxLength - 1).join('')}…`;
}

/**
 * A name for an email, subject or body: as `oneLineName`, and nothing in it a mail client would
 * link (a few clients link URLs in subjects too).
 */
export function inertName(raw: string): string {
  return oneLineName(raw).replace(LINK_PUNCTUATION, `$1${ZWNJ}`);
}
