import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** One push as the sink received it from `POST /v1/projects/{project}/messages:send`. */
export type ReceivedPush = {
  /** The full resource name FCM answered with: `projects/{project}/messages/{id}`. */
  id: string;
  projectId: string;
  token: string;
  notification: Record<string, unknown> | null;
  data: Record<string, string> | null;
  android?: unknown;
  apns?: unknown;
  webpush?: unknown;
  receivedAt: Date;
};

/** `errorCode` overrides the FcmError code in the answer's details (e.g. `QUOTA_EXCEEDED`). */
export type FcmFault = HttpFault & { errorCode?: string };

export type FcmSink = {
  /** Base URL the FCM client is pointed at instead of https://fcm.googleapis.com. */
  url: string;
  port: number;
  projectId: string;
  received: ReceivedPush[];
  failNext(fault: FcmFault): void;
  clear(): void;
  close(): Promise<void>;
};

export type FcmSinkOptions = {
  host?: string;
  port?: number;
  projectId?: string;
  /** When set, only this bearer token is accepted; otherwise any non-empty one is. */
  accessToken?: string;
};

/** Google's canonical status for each HTTP status, and the FcmError code FCM v1 adds to it. */
const GOOGLE_STATUS: Record<
  number,
  [status: string, fcmErrorCode: string | null, message: string]
> = {
  400: ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', null, 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'SENDER_ID_MISMATCH', 'SenderId mismatch'],
  404: ['NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.'],
  429: ['RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded for sending messages.'],
  500: ['INTERNAL', 'INTERNAL', 'Internal error encountered.'],
  503: ['UNAVAILABLE', 'UNAVAILABLE', 'The service is currently unavailable.'],
};

const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

/**
 * A local server speaking FCM HTTP v1 (`messages:send`), so the real firebase-admin SDK runs in
 * development and tests. Requires a bearer token and answers errors in Google's JSON shape,
 * with the FcmError detail that firebase-admin reads its error code from.
 * Tokens containing `unregistered` answer 404 UNREGISTERED; containing `invalid`, 400.
 */
export async function startFcmSink(options: FcmSinkOptions = {}): Promise<FcmSink> {
  const projectId = options.projectId ?? 'herald-dev';
  const received: ReceivedPush[] = [];
  const faults = new FaultQueue<FcmFault>();

  const handler = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (handleSinkRoutes(req, res, url, received)) return;

    const fault = faults.take();
    if (fault) {
      if (fault.hang || fault.status === 0) return;
      const [, defaultCode] = GOOGLE_STATUS[fault.status] ?? [];
      return sendGoogleError(
        res,
        fault.status,
        fault.errorCode ?? defaultCode ?? null,
        retryAfterHeader(fault.retryAfterSeconds),
      );
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || (options.accessToken !== undefined && bearer !== options.accessToken)) {
      return sendGoogleError(res, 401, null, {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/"',
      });
    }

    const route = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(url.pathname);
    if (!route || req.method !== 'POST') return sendGoogleError(res, 404, null);
    // FCM refuses a token registered to another sender; the sink has one project.
    if (route[1] !== projectId) return sendGoogleError(res, 403, 'SENDER_ID_MISMATCH');

    let message: Record<string, unknown>;
    try {
      const body = JSON.parse(await readBody(req)) as { message?: unknown };
      if (!isObject(body.message)) throw new Error('no message');
      message = body.message;
    } catch {
      return sendGoogleError(res, 400, 'INVALID_ARGUMENT');
    }
    const token = message.token;
    if (typeof token !== 'string' || token === '') {
      return sendGoogleError(res, 400, 'INVALID_ARGUMENT');
    }
    if (message.data !== undefined && !isStringRecord(message.data)) {
      return sendGoogleError(res, 400, 'INVALID_ARGUMENT');
    }
    if (token.includes('unregistered')) return sendGoogleError(res, 404, 'UNREGISTERED');
    if (token.includes('invalid')) {
      return sendGoogleError(
        res,
        400,
        'INVALID_ARGUMENT',
        {},
        'The registration token is not a valid FCM registration token',
      );
    }

    // Real ids look like "0:1500415314455276%31bd1c9631bd1c96".
    const id = `projects/${projectId}/messages/0:${Date.now()}${randomHex(2)}%${randomHex(8)}`;
    received.push({
      id,
      projectId,
      token,
      notification: isObject(message.notification) ? message.notification : null,
      data: isStringRecord(message.data) ? message.data : null,
      ...(message.android !== undefined && { android: message.android }),
      ...(message.apns !== undefined && { apns: message.apns }),
      ...(message.webpush !== undefined && { webpush: message.webpush }),
      receivedAt: new Date(),
    });
    sendJson(res, 200, { name: id });
  };

  const server = await listenHttp(handler, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  return {
    url: server.url,
    port: server.port,
    projectId,
    received,
    failNext: (fault) => faults.add(fault),
    clear: () => {
      received.length = 0;
      faults.clear();
    },
    close: server.close,
  };
}

function sendGoogleError(
  res: ServerResponse,
  code: number,
  fcmErrorCode: string | null,
  headers: Record<string, string> = {},
  message?: string,
): void {
  const [status, , defaultMessage] = GOOGLE_STATUS[code] ?? ['UNKNOWN', null, 'Unknown error.'];
  const error: Record<string, unknown> = { code, message: message ?? defaultMessage, status };
  if (fcmErrorCode) error.details = [{ '@type': FCM_ERROR_TYPE, errorCode: fcmErrorCode }];
  sendJson(res, code, { error }, headers);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}
