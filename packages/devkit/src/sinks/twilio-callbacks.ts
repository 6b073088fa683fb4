import type { IncomingMessage, ServerResponse } from 'node:http';
import { countSmsSegments, type TwilioMessageStatus, twilioSignature } from '@herald/core';
import { randomHex, readBody, sendJson } from './http-sink.js';
import type { InboundAnswer, ReceivedSms, SimulatedInbound } from './twilio-sink.js';

/** One signed request the sink made to Herald, as a test or a developer may want to see it. */
export type CallbackPost = {
  sid: string;
  url: string;
  status: TwilioMessageStatus;
  errorCode: string | null;
  /** The answer's HTTP status; 0 when the URL did not answer. */
  responseStatus: number;
};

/**
 * Recipients whose SMS the sink accepts but then reports undelivered or failed, with the
 * Twilio `ErrorCode` a real carrier would give. The last four digits name the code:
 * +1 500 555 3003 → 30003. Any other number ends `delivered`.
 */
export const CALLBACK_OUTCOMES: Record<
  string,
  { status: 'undelivered' | 'failed'; errorCode: string }
> = {
  '+15005553001': { status: 'failed', errorCode: '30001' },
  '+15005553003': { status: 'undelivered', errorCode: '30003' },
  '+15005553005': { status: 'undelivered', errorCode: '30005' },
  '+15005553006': { status: 'undelivered', errorCode: '30006' },
  '+15005553007': { status: 'undelivered', errorCode: '30007' },
  '+15005553008': { status: 'undelivered', errorCode: '30008' },
};

const CALLBACK_TIMEOUT_MS = 10_000;

/**
 * Posts form-encoded requests the way Twilio does, each with the `X-Twilio-Signature` of that URL
 * and these parameters under the account's auth token (core's implementation of Twilio's
 * algorithm; the sink's tests check it with the `twilio` package's own validator).
 * In-flight requests are tracked so a test can wait for them and `close()` can cut them off.
 */
export class SignedPoster {
  private readonly inFlight = new Set<Promise<unknown>>();
  private controller = new AbortController();

  constructor(private readonly authToken: string) {}

  async post(
    url: string,
    params: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const signature = twilioSignature(this.authToken, url, params);
    const request = fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-twilio-signature': signature,
        'user-agent': 'TwilioProxy/1.1',
      },
      body: new URLSearchParams(params),
      signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout(CALLBACK_TIMEOUT_MS)]),
    }).then(
      async (res) => ({ status: res.status, text: await res.text() }),
      () => ({ status: 0, text: '' }),
    );
    return this.track(request);
  }

  /** Keeps `work` in the in-flight set until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  /** Resolves once everything started so far (and anything it started) has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  abortAll(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }
}

/** What the sink posts to Herald, as Twilio would: delivery receipts and inbound SMS. */
export class TwilioCallbacks {
  readonly posts: CallbackPost[] = [];
  private readonly poster: SignedPoster;

  constructor(
    private readonly accountSid: string,
    authToken: string,
    private readonly delayMs: number,
  ) {
    this.poster = new SignedPoster(authToken);
  }

  /** `sent`, then `delivered` (or the magic number's outcome), one after the other. */
  reportStatus(m: ReceivedSms): void {
    const url = m.statusCallback;
    if (!url) return;
    const steps: { status: TwilioMessageStatus; errorCode: string | null }[] = [
      { status: 'sent', errorCode: null },
      CALLBACK_OUTCOMES[m.to] ?? { status: 'delivered', errorCode: null },
    ];
    void this.poster.track(
      (async () => {
        for (const { status, errorCode } of steps) {
          if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          const answer = await this.poster.post(url, {
            AccountSid: this.accountSid,
            ApiVersion: '2010-04-01',
            From: m.from ?? '',
            MessageSid: m.sid,
            MessageStatus: status,
            SmsSid: m.sid,
            SmsStatus: status,
            To: m.to,
            ...(errorCode && { ErrorCode: errorCode }),
          });
          this.posts.push({ sid: m.sid, url, status, errorCode, responseStatus: answer.status });
        }
      })(),
    );
  }

  /** Posts the SMS to `url` as Twilio's inbound webhook; the TwiML replies become messages. */
  async sendInbound(url: string, sms: SimulatedInbound): Promise<InboundAnswer> {
    const sid = sms.sid ?? `SM${randomHex(16)}`;
    const answer = await this.poster.post(url, {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      Body: sms.body,
      From: sms.from,
      MessageSid: sid,
      NumMedia: '0',
      NumSegments: String(countSmsSegments(sms.body).segments),
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      To: sms.to,
    });
    this.posts.push({
      sid,
      url,
      status: 'received',
      errorCode: null,
      responseStatus: answer.status,
    });
    const replies = twimlMessages(answer.text).map(
      (body): ReceivedSms => ({
        sid: `SM${randomHex(16)}`,
        accountSid: this.accountSid,
        to: sms.from,
        from: sms.to,
        body,
        messagingServiceSid: null,
        statusCallback: null,
        numSegments: countSmsSegments(body).segments,
        receivedAt: new Date(),
        direction: 'outbound-reply',
      }),
    );
    return { status: answer.status, twiml: answer.text, replies };
  }

  settled(): Promise<void> {
    return this.poster.settled();
  }

  abortAll(): void {
    this.poster.abortAll();
  }
}

/** `POST /__sink/inbound` with `{"from","to","body"}` (JSON or form): a developer's end user. */
export async function simulateInbound(
  req: IncomingMessage,
  res: ServerResponse,
  sendInbound: (sms: SimulatedInbound) => Promise<InboundAnswer>,
): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
  const text = await readBody(req);
  const fields: Record<string, unknown> = (req.headers['content-type'] ?? '').includes('json')
    ? (JSON.parse(text || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(text));
  const pick = (name: string) => fields[name] ?? fields[name[0]!.toUpperCase() + name.slice(1)];
  const [from, to, body] = [pick('from'), pick('to'), pick('body')];
  if (typeof from !== 'string' || typeof to !== 'string' || typeof body !== 'string')
    return sendJson(res, 400, { error: 'send from, to and body' });
  try {
    sendJson(res, 200, await sendInbound({ from, to, body }));
  } catch (error) {
    sendJson(res, 409, { error: (error as Error).message });
  }
}

/** The texts of the `<Message>` verbs of a TwiML answer (`<Message>hi</Message>` or with `<Body>`). */
export function twimlMessages(xml: string): string[] {
  const messages: string[] = [];
  for (const match of xml.matchAll(/<Message\b[^>]*>([\s\S]*?)<\/Message>/g)) {
    const inner = match[1] ?? '';
    const body = /<Body\b[^>]*>([\s\S]*?)<\/Body>/.exec(inner)?.[1] ?? inner;
    messages.push(decodeXml(body.trim()));
  }
  return messages;
}

function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}
