import { randomUUID } from 'node:crypto';
import https from 'node:https';
import net, { type Socket } from 'node:net';
import type { PushContent } from '@herald/core';
import { applicationDefault, type Credential, cert, initializeApp } from 'firebase-admin/app';
import { getMessaging, type Messaging } from 'firebase-admin/messaging';
import { NETWORK_ERROR_CODES } from './network-errors.js';
import { type Outbound, ProviderError, type PushProvider, type SendResult } from './provider.js';

/** The part of firebase `Messaging` the adapter uses. */
export type FcmMessaging = Pick<Messaging, 'send'>;

export type FcmMessagingOptions = {
  projectId: string;
  /** A service-account JSON file; without it, Application Default Credentials are used. */
  credentialsFile?: string;
  /** Sends to this plain-HTTP server (a local sink) with a static dev token instead of FCM. */
  apiUrl?: string;
  /** Defaults to a unique name, so several instances (tests, tenants) can coexist. */
  appName?: string;
};

/** The bearer token sent to a local sink; FCM itself never sees it. */
export const DEV_FCM_ACCESS_TOKEN = 'herald-dev-fcm-token';

/**
 * firebase-admin always builds `https://fcm.googleapis.com/...` and has no emulator for FCM.
 * The one seam is the app's `httpAgent`: this one opens a plain TCP socket to the sink, so the
 * request goes out as HTTP/1.1 without TLS. It must be an https.Agent, or Node refuses it for
 * an https: request.
 */
class PlainHttpAgent extends https.Agent {
  readonly #host: string;
  readonly #port: number;

  constructor(target: URL) {
    super({ keepAlive: true });
    this.#host = target.hostname.replace(/^\[|\]$/g, '');
    this.#port = Number(target.port || 80);
  }

  override createConnection(): Socket {
    return net.connect({ host: this.#host, port: this.#port });
  }
}

const devCredential: Credential = {
  getAccessToken: async () => ({ access_token: DEV_FCM_ACCESS_TOKEN, expires_in: 3600 }),
};

/**
 * A firebase-admin `Messaging` for one project; with `apiUrl` it talks to that server instead.
 * Delete it with `deleteApp(messaging.app)` when done.
 *
 * @example
 * const messaging = createFcmMessaging({ projectId: 'my-app', credentialsFile: './sa.json' });
 */
export function createFcmMessaging(options: FcmMessagingOptions): Messaging {
  const name = options.appName ?? `herald-fcm-${randomUUID()}`;
  const app = options.apiUrl
    ? initializeApp(
        {
          projectId: options.projectId,
          credential: devCredential,
          httpAgent: new PlainHttpAgent(new URL(options.apiUrl)),
        },
        name,
      )
    : initializeApp(
        {
          projectId: options.projectId,
          credential: options.credentialsFile
            ? cert(options.credentialsFile)
            : applicationDefault(),
        },
        name,
      );
  const messaging = getMessaging(app);
  // The HTTP/2 transport (used by sendEach) ignores httpAgent; HTTP/1.1 honours it.
  messaging.enableLegacyHttpTransport();
  return messaging;
}

export function createFcmProvider(messaging: FcmMessaging): PushProvider {
  const providerName = 'fcm';
  return {
    name: providerName,
    channel: 'push',
    async send(message: Outbound<PushContent>): Promise<SendResult> {
      const { title, body, data } = message.content;
      const hasNotification = title !== undefined || body !== undefined;
      try {
        const name = await messaging.send({
          token: message.to,
          ...(hasNotification && {
            notification: {
              ...(title !== undefined && { title }),
              ...(body !== undefined && { body }),
            },
          }),
          ...(data !== undefined && { data }),
        });
        return { providerMessageId: name, sender: null };
      } catch (err) {
        throw classifyFcmError(providerName, err);
      }
    },
  };
}

type Rule = [kind: 'permanent' | 'transient', code: ProviderError['code'], detail: string];

const unregistered: Rule = [
  'permanent',
  'push_token_unregistered',
  'FCM says the token is no longer registered',
];
const invalid: Rule = [
  'permanent',
  'invalid_recipient',
  'FCM refused the token or message as invalid',
];
const auth: Rule = ['permanent', 'provider_auth_failed', 'FCM refused the credentials'];
const rateLimited: Rule = ['transient', 'provider_rate_limited', 'FCM is rate-limiting messages'];
const unavailable: Rule = [
  'transient',
  'provider_unavailable',
  'FCM could not be reached or answered with a server error',
];
const rejected: Rule = ['permanent', 'provider_rejected', 'FCM refused the message'];

const RULES: Record<string, Rule> = {
  'messaging/registration-token-not-registered': unregistered,
  'messaging/invalid-registration-token': invalid,
  'messaging/invalid-argument': invalid,
  'messaging/authentication-error': auth,
  'messaging/mismatched-credential': auth,
  'messaging/third-party-auth-error': auth,
  'messaging/message-rate-exceeded': rateLimited,
  'messaging/device-message-rate-exceeded': rateLimited,
  'messaging/quota-exceeded': rateLimited,
  'messaging/server-unavailable': unavailable,
  'messaging/internal-error': unavailable,
  'messaging/unavailable': unavailable,
  'app/network-error': unavailable,
  'app/network-timeout': unavailable,
  'app/unable-to-parse-response': unavailable,
};

/**
 * Maps a failed send to a ProviderError by firebase-admin's error code. The firebase error is
 * not kept as `cause`: for unknown answers its message embeds the raw server response.
 * Errors that are not firebase errors at all are bugs and are rethrown as is.
 */
function classifyFcmError(provider: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  const isFirebase =
    typeof code === 'string' && /^[a-z-]+\/[a-z-]+$/.test(code) && err instanceof Error;
  if (!isFirebase) return err;
  const [kind, errorCode, sentence] = ruleFor(code, err.message);
  return new ProviderError(provider, kind, errorCode, `${sentence} (${code}).`, {
    providerCode: code,
  });
}

function ruleFor(code: string, message: string): Rule {
  const known = RULES[code];
  if (known) return known;
  // firebase-admin gives a non-JSON answer (say, from a proxy) no code of its own, only
  // "Status code: 502." in its message.
  const status = Number(/Status code: (\d{3})\./.exec(message)?.[1]);
  if (status === 429) return rateLimited;
  if (status >= 500) return unavailable;
  if (status === 401 || status === 403) return auth;
  // Fetching the OAuth token failed. That is a bad key, unless it was the network.
  if (code === 'app/invalid-credential') {
    const network = [...NETWORK_ERROR_CODES].some((errno) => message.includes(errno));
    return network ? unavailable : auth;
  }
  return rejected;
}
