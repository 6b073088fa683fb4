import type { ChannelName } from '../platform/stores/usage.schema.js';

/** What a template says on each channel: Liquid sources, rendered with a send's variables. */
export type SmsParts = { body: string };
export type EmailParts = { subject: string; text?: string; html?: string };
export type PushParts = { title?: string; body?: string; data?: Record<string, string> };
type PartsByChannel = { sms: SmsParts; email: EmailParts; push: PushParts };
export type ChannelParts<C extends ChannelName = ChannelName> = PartsByChannel[C];

/** One locale's parts: any of the three channels. */
export type LocaleParts = { [C in ChannelName]?: PartsByChannel[C] };

export type Template = {
  id: string;
  accountId: string;
  /** The organisation's own handle for it (`order-shipped`), unique in the organisation. */
  name: string;
  description: string | null;
  version: number;
  /** Where the fallback chain ends: `pt-BR` → `pt` → this. */
  defaultLocale: string;
  locales: Record<string, LocaleParts>;
  createdAt: Date;
  /** When this version was made. */
  updatedAt: Date;
};

/**
 * The locales to try for a request, most specific first: `pt-BR` → `pt` → the template's
 * default. Tags are compared in their canonical form (`pt-br` is `pt-BR`).
 */
export function localeChain(requested: string | undefined, defaultLocale: string): string[] {
  const chain: string[] = [];
  if (requested) {
    const subtags = canonicalLocale(requested).split('-');
    for (let n = subtags.length; n > 0; n--) chain.push(subtags.slice(0, n).join('-'));
  }
  if (!chain.includes(defaultLocale)) chain.push(defaultLocale);
  return chain;
}

/** `pt-br` → `pt-BR`; throws a RangeError for what is not a BCP 47 tag. */
export function canonicalLocale(tag: string): string {
  const [canonical] = Intl.getCanonicalLocales(tag);
  if (!canonical) throw new RangeError(`not a language tag: ${tag}`);
  return canonical;
}
