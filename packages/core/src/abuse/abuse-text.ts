import type { MessageContent } from '../messages/message-content.js';

/**
 * The cap on how much of a message the abuse checks read. It runs in the worker between the
 * claim and the provider call, so a 10 MB email must not cost more than a short SMS would; two
 * messages identical over their first 64 KiB count as the same content.
 */
const MAX_CHARS = 64 * 1024;

/**
 * What a recipient reads, normalised so trivial variations (case, spacing, Unicode look-alike
 * forms) give the same text: SMS body; email subject and text (or the HTML without its tags,
 * keeping link targets, which carry most spam); push title and body. Push `data` is left out:
 * apps put per-recipient ids there.
 */
export function abuseText(content: MessageContent): string {
  const parts =
    content.channel === 'sms'
      ? [content.body]
      : content.channel === 'email'
        ? [content.subject, content.text ?? htmlToText(content.html ?? '')]
        : [content.title ?? '', content.body ?? ''];
  return parts
    .join('\n')
    .slice(0, MAX_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function htmlToText(html: string): string {
  return html
    .slice(0, MAX_CHARS * 2)
    .replace(/<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)[^>]*>/gi, ' $1 ')
    .replace(/<[^>]*>/g, ' ');
}
