import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { countSmsSegments } from '@herald/core';
import {
  FaultQueue,
  type HttpFault,
  handleSinkRoutes,
  listenHttp,
  randomHex,
  readBody,
  retryAfterHeader,
  sendJson,
} from './http-sink.js';
import { type CallbackPost, simulateInbound, TwilioCallbacks } from './twilio-callbacks.js';

/** One SMS as the sink received it from `POST .../Messages.json`. */
export type ReceivedSms = {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  body: string;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  numSegments: number;
  receivedAt: Date;
  /** `outbound-reply`: a TwiML answer to an inbound SMS (a HELP reply), "sent" by the sink. */
  direction: 'outbound-api' | 'outbound-reply';
};

/** An SMS an end user sends to one of the numbers, posted to the inbound URL. */
export type SimulatedInbound = { from: string; to: string; body: string; sid?: string };

export type InboundAnswer = {
  /** The inbound URL's HTTP status; 0 when it did not answer. */
  status: number;
  twiml: string;
  /** The `<Message>` replies, also kept in `received` as the sink "sent" them. */
  replies: ReceivedSms[];
};

/** `code` overrides the Twilio error code the fault answers with (20000 + status by default). */
export type TwilioFault = HttpFault & { code?: number };

export type TwilioSink = {
  /** Base URL to give the Twilio client instead of https://api.twilio.com. */
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  received: ReceivedSms[];
  /**
   * Every message deleted through `DELETE .../Messages/{sid}.json`, in order: the provider's copy
   * of an erased end user's message (ADR 35). A deleted message is gone from `GET` too.
   */
  deletions: Array<{ sid: string; deletedAt: Date }>;
  /** Every status callback and inbound webhook the sink posted, signed, in order. */
  callbacks: CallbackPost[];
  /** Twilio's "a message comes in" webhook: where `sendInbound` posts. */
  inboundUrl: string | null;
  /**
   * Simulates an end user texting one of the numbers: posts the SMS to `inboundUrl`, signed
   * like Twilio, and keeps the TwiML replies as messages the sink sent.
   */
  sendInbound(sms: SimulatedInbound): Promise<InboundAnswer>;
  /** Resolves when every status callback started so far has been answered. */
  settled(): Promise<void>;
  failNext(fault: TwilioFault): void;
  /** Every API answer waits this long first, like a slow provider (0 by default). */
  latencyMs: number;
  /** API requests being handled right now (received, not yet answered): provider calls in progress. */
  readonly inFlight: number;
  clear(): void;
  close(): Promise<void>;
};

export type TwilioSinkOptions = {
  host?: string;
  port?: number;
  accountSid?: string;
  authToken?: string;
  inboundUrl?: string;
  /** Waits this long before each status callback (0 by default: they race the API's answer). */
  callbackDelayMs?: number;
};

const API = '/2010-04-01';
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Twilio's test-credential magic numbers, so a developer can provoke each refusal the way the
 * real test API does. https://www.twilio.com/docs/iam/test-credentials
 */
const MAGIC_TO: Record<string, [number, string]> = {
  '+15005550001': [21211, "The 'To' number {to} is not a valid phone number."],
  '+15005550002': [21612, "The 'To' phone number: {to}, is not currently reachable via SMS."],
  '+15005550004': [21610, 'Attempt to send to unsubscribed recipient'],
  '+15005550009': [21614, "'To' number {to} is not a valid mobile number"],
};

const FAULT_MESSAGES: Record<number, string> = {
  401: 'Authenticate',
  403: 'Forbidden',
  404: 'The requested resource was not found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * A local server speaking Twilio's Messages API (2010-04-01), so the real `twilio` SDK runs in
 * development and tests. Answers like Twilio does: Basic auth with the account SID and auth token,
 * form-encoded requests, the message resource JSON, and Twilio's error JSON and codes. Like
 * Twilio, it posts `sent` then `delivered` (or a magic number's failure, see CALLBACK_OUTCOMES)
 * to a message's `StatusCallback`, signed with `X-Twilio-Signature`; `sendInbound` (or
 * `POST /__sink/inbound` with `{"from","to","body"}`) plays an end user texting a number.
 */
export async function startTwilioSink(options: TwilioSinkOptions = {}): Promise<TwilioSink> {
  const accountSid = options.accountSid ?? `AC${randomHex(16)}`;
  const authToken = options.authToken ?? randomHex(16);
  const received: ReceivedSms[] = [];
  const deletions: Array<{ sid: string; deletedAt: Date }> = [];
  const deleted = new Set<string>();
  const faults = new FaultQueue<TwilioFault>();
  const callbacks = new TwilioCallbacks(accountSid, authToken, options.callbackDelayMs ?? 0);
  const sendInbound = async (sms: SimulatedInbound): Promise<InboundAnswer> => {
    if (!sink.inboundUrl) throw new Error('the Twilio sink has no inboundUrl to post to');
    const answer = await callbacks.sendInbound(sink.inboundUrl, sms);
    received.push(...answer.replies);
    return answer;
  };

  let inFlight = 0;
  const handler = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (handleSinkRoutes(req, res, url, received)) return;
    if (url.pathname === '/__sink/inbound') return simulateInbound(req, res, sendInbound);
    inFlight++;
    res.once('close', () => inFlight--);
    if (sink.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, sink.latencyMs));

    const fault = faults.take();
    if (fault) {
      if (fault.hang || fault.status === 0) return;
      const code = fault.code ?? 20000 + fault.status;
      sendTwilioError(res, fault.status, code, FAULT_MESSAGES[fault.status] ?? 'Error', {
        ...retryAfterHeader(fault.retryAfterSeconds),
      });
      return;
    }

    if (!isAuthorized(req, accountSid, authToken)) {
      sendTwilioError(res, 401, 20003, 'Authenticate', {
        'www-authenticate': 'Basic realm="Twilio API"',
      });
      return;
    }

    const create = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
    const lookup = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/);
    const pathSid = create?.[1] ?? lookup?.[1];
    if (!pathSid || pathSid !== accountSid) {
      return notFound(res, url.pathname);
    }
    if (create && req.method === 'POST') {
      return createMessage(req, res, accountSid, received, (m) => callbacks.reportStatus(m));
    }
    // Messages it sent, and those it received from end users (posted to the inbound URL).
    const known =
      lookup &&
      !deleted.has(lookup[2]!) &&
      (received.some((m) => m.sid === lookup[2]) ||
        callbacks.posts.some((post) => post.status === 'received' && post.sid === lookup[2]));
    if (lookup && req.method === 'GET') {
      const message = known && received.find((m) => m.sid === lookup[2]);
      if (!message) return notFound(res, url.pathname);
      return sendJson(res, 200, messageResource(message));
    }
    // Twilio answers 204 with no body; 404 (20404) for a message it does not have (any more).
    // A message it is still delivering is refused with 20009: `failNext({ status: 409, code: 20009 })`.
    if (lookup && req.method === 'DELETE') {
      if (!known) return notFound(res, url.pathname);
      deleted.add(lookup[2]!);
      deletions.push({ sid: lookup[2]!, deletedAt: new Date() });
      res.writeHead(204).end();
      return;
    }
    sendTwilioError(res, 405, 20004, 'Method not allowed');
  };

  const server = await listenHttp(handler, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  const sink: TwilioSink = {
    url: server.url,
    port: server.port,
    accountSid,
    authToken,
    received,
    deletions,
    callbacks: callbacks.posts,
    inboundUrl: options.inboundUrl ?? null,
    sendInbound,
    settled: () => callbacks.settled(),
    latencyMs: 0,
    get inFlight() {
      return inFlight;
    },
    failNext: (fault) => faults.add(fault),
    clear: () => {
      received.length = 0;
      deletions.length = 0;
      deleted.clear();
      callbacks.posts.length = 0;
      faults.clear();
    },
    close: async () => {
      callbacks.abortAll();
      await server.close();
    },
  };
  return sink;
}

async function createMessage(
  req: IncomingMessage,
  res: ServerResponse,
  accountSid: string,
  received: ReceivedSms[],
  onCreated: (message: ReceivedSms) => void,
): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const to = form.get('To');
  const from = form.get('From');
  const body = form.get('Body');
  const messagingServiceSid = form.get('MessagingServiceSid');

  if (!to) return sendTwilioError(res, 400, 21604, "A 'To' phone number is required.");
  if (!from && !messagingServiceSid) {
    return sendTwilioError(res, 400, 21603, "A 'From' phone number is required.");
  }
  if (!body) return sendTwilioError(res, 400, 21602, 'Message body is required.');
  if (!E164.test(to)) {
    return sendTwilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  }
  const magic = MAGIC_TO[to];
  if (magic) return sendTwilioError(res, 400, magic[0], magic[1].replace('{to}', to));

  const message: ReceivedSms = {
    sid: `SM${randomHex(16)}`,
    accountSid,
    to,
    from,
    body,
    messagingServiceSid,
    statusCallback: form.get('StatusCallback'),
    numSegments: countSmsSegments(body).segments,
    receivedAt: new Date(),
    direction: 'outbound-api',
  };
  received.push(message);
  sendJson(res, 201, messageResource(message));
  onCreated(message);
}

/** The message resource exactly as Twilio shapes it: snake_case, numbers as strings. */
function messageResource(m: ReceivedSms) {
  const uri = `${API}/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
  const date = rfc2822(m.receivedAt);
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: m.direction,
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: 'queued',
    subresource_uris: {
      media: `${API}/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json`,
    },
    to: m.to,
    uri,
  };
}

/** Twilio writes dates as RFC 2822 with a numeric zone: "Wed, 18 Aug 2010 20:01:40 +0000". */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function isAuthorized(req: IncomingMessage, accountSid: string, authToken: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice(6), 'base64');
  const expected = Buffer.from(`${accountSid}:${authToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function notFound(res: ServerResponse, path: string): void {
  sendTwilioError(res, 404, 20404, `The requested resource ${path} was not found`);
}

function sendTwilioError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    headers,
  );
}
