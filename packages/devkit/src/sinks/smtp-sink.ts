import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type EmailAddress, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { FaultQueue } from './http-sink.js';

/** One email as the sink received and parsed it. */
export type ReceivedEmail = {
  id: string;
  envelope: { from: string | null; to: string[] };
  /** The From header's address; with the display name it is in `headers.from`. */
  from: string;
  /** The To header's addresses; with display names they are in `headers.to`. */
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  messageId: string | null;
  /** Decoded headers by lowercased name. */
  headers: Record<string, string>;
  /**
   * Each header as it was on the wire (unfolded), by lowercased name: mailparser reshapes some
   * (`List-*` become one structured `list`), and RFC 8058's are checked as sent.
   */
  rawHeaders: Record<string, string>;
  /** The message as it arrived, byte for byte: what a DKIM verifier checks. */
  raw: Buffer;
  receivedAt: Date;
};

/**
 * The next `count` messages are refused with `code` at `stage` (MAIL FROM by default). 421 is
 * "service not available" and closes the connection, as real servers do.
 */
export type SmtpFault = {
  count: number;
  code: 421 | 451 | 550 | number;
  stage?: 'connect' | 'mail' | 'rcpt' | 'data';
};

export type SmtpSink = {
  host: string;
  port: number;
  /** `smtp://host:port`, ready for nodemailer. */
  url: string;
  received: ReceivedEmail[];
  failNext(fault: SmtpFault): void;
  clear(): void;
  close(): Promise<void>;
};

export type SmtpSinkOptions = {
  host?: string;
  port?: number;
  /** When set, AUTH must use these; otherwise any credentials (or none) are accepted. */
  auth?: { user: string; pass: string };
};

const FAULT_TEXT: Record<number, string> = {
  421: 'Service not available, closing transmission channel',
  451: 'Requested action aborted: local error in processing',
  550: 'Requested action not taken: message refused',
};

/**
 * A local SMTP server (no STARTTLS, optional AUTH) that parses and keeps every message, so the
 * real nodemailer transport runs in development and tests. Recipients whose local part is
 * `bounce` are refused with 550 at RCPT, and `defer` with 451.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const received: ReceivedEmail[] = [];
  const faults = new FaultQueue<SmtpFault & { stage: NonNullable<SmtpFault['stage']> }>();
  // A fault is consumed once per message; the stage that reaches it first takes it.
  const faultAt = (stage: NonNullable<SmtpFault['stage']>): Error | null => {
    const peek = faults.peek();
    if (!peek || peek.stage !== stage) return null;
    const fault = faults.take()!;
    return smtpError(fault.code, FAULT_TEXT[fault.code] ?? 'Refused by the sink');
  };

  const server = new SMTPServer({
    // Silent: what passes through here is content and addresses.
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && (auth.username !== expected.user || auth.password !== expected.pass)) {
        return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      }
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onConnect(_session, callback) {
      callback(faultAt('connect'));
    },
    onMailFrom(_address, _session, callback) {
      callback(faultAt('mail'));
    },
    onRcptTo(address, _session, callback) {
      const fault = faultAt('rcpt');
      if (fault) return callback(fault);
      callback(recipientRule(address));
    },
    onData(stream, session, callback) {
      const envelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
      };
      // The stream has to be read to its end before answering, or the client hangs.
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const fault = faultAt('data');
            if (fault) return callback(fault);
            received.push(toReceived(mail, envelope, raw));
            callback(null);
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // Without a listener a client that drops mid-session would crash the process.
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host,
    port,
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    received,
    failNext: (fault) => faults.add({ ...fault, stage: fault.stage ?? 'mail' }),
    clear: () => {
      received.length = 0;
      faults.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function recipientRule(address: SMTPServerAddress): Error | null {
  const local = address.address.split('@')[0]?.toLowerCase() ?? '';
  const tag = local.split('+')[0];
  if (tag === 'bounce') return smtpError(550, '5.1.1 Mailbox does not exist');
  if (tag === 'defer') return smtpError(451, '4.2.1 Mailbox temporarily unavailable, try later');
  return null;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

function toReceived(
  mail: ParsedMail,
  envelope: ReceivedEmail['envelope'],
  raw: Buffer,
): ReceivedEmail {
  const to = [mail.to ?? []].flat().flatMap((group) => addressesOf(group.value));
  return {
    id: randomUUID(),
    envelope,
    from: addressesOf(mail.from?.value ?? [])[0] ?? '',
    to,
    subject: mail.subject ?? '',
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    messageId: mail.messageId ?? null,
    headers: Object.fromEntries([...mail.headers].map(([k, v]) => [k, headerText(v)])),
    rawHeaders: Object.fromEntries(
      mail.headerLines.map(({ key, line }) => [
        key.toLowerCase(),
        line
          .slice(line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      ]),
    ),
    raw,
    receivedAt: new Date(),
  };
}

/** Flattens address groups (`To: team: a@x, b@x;`) into bare addresses. */
function addressesOf(list: EmailAddress[]): string[] {
  return list.flatMap((a) => (a.group ? addressesOf(a.group) : a.address ? [a.address] : []));
}

function headerText(value: HeaderValue): string {
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value && typeof value.value === 'string') {
    const params = Object.entries((value as { params?: Record<string, string> }).params ?? {});
    return [value.value, ...params.map(([k, v]) => `${k}=${v}`)].join('; ');
  }
  return JSON.stringify(value);
}
