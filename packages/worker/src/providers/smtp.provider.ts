import type { EmailContent } from '@herald/core';
import nodemailer, {
  type NodemailerError,
  type SendMailOptions,
  type SMTPSentMessageInfo,
  type Transporter,
} from 'nodemailer';
import { errorCodeOf, NETWORK_ERROR_CODES } from './network-errors.js';
import {
  type EmailProvider,
  type Outbound,
  ProviderError,
  providerUnavailable,
  type SendResult,
} from './provider.js';

/** The part of a nodemailer transport the adapter uses; `createSmtpTransport` returns one. */
export type SmtpTransport = {
  sendMail(mail: SendMailOptions): Promise<{ messageId: string }>;
};

export type SmtpProviderOptions = {
  /** The name messages and errors record it by (`smtp` by default; `smtp-backup` for a backup server). */
  name?: string;
  /** `noreply@example.com` or `Example <noreply@example.com>`. */
  defaultFrom: string;
};

/**
 * A nodemailer SMTP transport for `smtp://` or `smtps://` URLs (credentials in the URL).
 * STARTTLS is used when the server offers it, so a local sink without TLS just works.
 * nodemailer waits up to 2 minutes to connect and 10 to time out an idle socket; a stuck mail
 * server should free the worker slot much sooner and let the queue retry.
 *
 * @example
 * const transport = createSmtpTransport('smtp://user:pass@mail.example.com:587');
 */
export function createSmtpTransport(
  url: string,
  options: { timeoutMs?: number } = {},
): Transporter<SMTPSentMessageInfo> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Inactivity, not total time: a large message keeps the socket busy, so allow more.
    socketTimeout: timeoutMs * 2,
    // nodemailer's logger would print addresses and SMTP replies that quote them.
    logger: false,
  });
}

export function createSmtpProvider(
  transport: SmtpTransport,
  options: SmtpProviderOptions,
): EmailProvider {
  const name = options.name ?? 'smtp';
  return {
    name,
    channel: 'email',
    async send(message: Outbound<EmailContent>): Promise<SendResult> {
      const from = message.from === null ? options.defaultFrom : checkedSender(name, message);
      const { subject, text, html, replyTo } = message.content;
      try {
        const info = await transport.sendMail({
          from,
          // An object, like the sender: the recipient the API validated is not parsed again.
          to: { name: '', address: message.to },
          ...(replyTo && { replyTo }),
          subject,
          ...(text !== undefined && { text }),
          ...(html !== undefined && { html }),
          ...(message.dkim && { dkim: message.dkim }),
          // RFC 8058: the link, and the header that says a POST to it is enough.
          ...(message.listUnsubscribe && {
            list: { unsubscribe: message.listUnsubscribe },
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }),
        });
        return {
          providerMessageId: info.messageId,
          sender: typeof from === 'string' ? from : from.address,
        };
      } catch (err) {
        throw classifySmtpError(name, err);
      }
    },
  };
}

/** The only shape a checked sender has (see core's parseMailbox): one plain address. */
const CHECKED_ADDRESS = /^[^\s@<>()[\],;:"\\]+@[A-Za-z0-9.-]+$/;

/**
 * The customer's sender as the API checked it: the address from the message's record and the
 * display name from its content, handed to nodemailer as an object it will not parse again
 * (ADR 15). Anything else (a raw string queued before senders were checked) is not sent.
 */
function checkedSender(
  provider: string,
  message: Outbound<EmailContent>,
): { name: string; address: string } {
  const address = message.from ?? '';
  if (!CHECKED_ADDRESS.test(address))
    throw new ProviderError(
      provider,
      'permanent',
      'provider_rejected',
      'The sender is not a single checked address, so it was not sent.',
    );
  return { name: message.content.fromName ?? '', address };
}

/** Reply codes that, given to RCPT, say the mailbox does not exist or the address is bad. */
const BAD_MAILBOX_CODES = new Set([550, 551, 553]);

/** nodemailer's codes for a connection that failed, timed out or spoke garbage. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
]);

/**
 * Maps a failed send to a ProviderError. SMTP replies quote the address they refuse, and
 * nodemailer errors list rejected recipients, so neither the reply text nor the error is kept:
 * the detail names the reply code and the command. Unrecognised errors are rethrown as is.
 */
function classifySmtpError(provider: string, err: unknown): unknown {
  const e = (err ?? {}) as NodemailerError;
  const code = errorCodeOf(err);
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const where = e.command ? `, ${e.command}` : '';

  if (code === 'EAUTH' || code === 'ENOAUTH') {
    // 454 and friends: the server could not check the credentials right now.
    if (reply !== undefined && reply >= 400 && reply < 500) {
      return providerUnavailable(
        provider,
        `The mail server could not authenticate right now (SMTP ${reply}).`,
        reply,
      );
    }
    return new ProviderError(
      provider,
      'permanent',
      'provider_auth_failed',
      `The mail server refused the credentials (${reply ? `SMTP ${reply}` : code}).`,
      { providerCode: reply ?? code },
    );
  }

  if (reply !== undefined && reply >= 400) {
    // nodemailer marks 503 (bad sequence of commands) as not permanent: a new session can pass.
    const isPermanent = e.permanent ?? reply >= 500;
    if (!isPermanent) {
      return providerUnavailable(
        provider,
        `The mail server deferred the message (SMTP ${reply}${where}).`,
        reply,
      );
    }
    if (refusedRecipient(e, reply)) {
      return new ProviderError(
        provider,
        'permanent',
        'invalid_recipient',
        `The mail server refused the recipient (SMTP ${reply}${where}).`,
        { providerCode: reply },
      );
    }
    return new ProviderError(
      provider,
      'permanent',
      'provider_rejected',
      `The mail server refused the message (SMTP ${reply}${where}).`,
      { providerCode: reply },
    );
  }

  // nodemailer checks the envelope before connecting; an address it cannot use ends here.
  if (code === 'EENVELOPE' && e.command === 'API') {
    const recipient = /recipient/i.test(e.message ?? '');
    return new ProviderError(
      provider,
      'permanent',
      recipient ? 'invalid_recipient' : 'provider_rejected',
      recipient
        ? 'The recipient address cannot be used for SMTP (EENVELOPE).'
        : 'The sender address cannot be used for SMTP (EENVELOPE).',
      { providerCode: code },
    );
  }

  const original = typeof e.originalCode === 'string' ? e.originalCode : undefined;
  if (
    (code !== undefined && (CONNECTION_CODES.has(code) || NETWORK_ERROR_CODES.has(code))) ||
    (original !== undefined && NETWORK_ERROR_CODES.has(original))
  ) {
    const why = original && original !== code ? `${code}/${original}` : code;
    return providerUnavailable(
      provider,
      `The mail server could not be reached or stopped answering (${why}).`,
      code,
    );
  }
  return err;
}

function refusedRecipient(e: NodemailerError, reply: number): boolean {
  const atRcpt = e.command === 'RCPT TO' || (e.rejected?.length ?? 0) > 0;
  // An enhanced status 5.1.x is an addressing failure whatever the basic code says.
  const addressing = /^\d{3}[ -]5\.1\.\d+/.test(e.response ?? '');
  return atRcpt && (BAD_MAILBOX_CODES.has(reply) || addressing);
}
