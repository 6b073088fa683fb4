import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AuthFailureThrottleOptions,
  bullPrefix,
  createWorkerConnection,
  type DomainDnsSettings,
  type EmailRequestLimits,
  hashToken,
  type LoginThrottleOptions,
  type MasterKey,
  type OwnEmailLimits,
  openSystemEmail,
  openSystemSms,
  type PaceDefaults,
  type RedisClusterTarget,
  type RedisTarget,
  type Resolver,
  type Role,
  type SinkInboxSource,
  SYSTEM_EMAIL_QUEUE,
  SYSTEM_SMS_QUEUE,
  type SystemEmail,
  type SystemEmailJob,
  type SystemSms,
  type SystemSmsJob,
} from '@herald/core';
import { releaseAccountsOwnedBy } from '@herald/core/testing';
import {
  captureLogger,
  createTestStores,
  type TestStores,
  testMasterKey,
  testRedisUrl,
  uniqueQueuePrefix,
} from '@herald/devkit/testing';
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../app.js';
import { type ApiDependencies, buildDependencies } from '../dependencies.js';
import type { ContractViolation } from '../openapi/response-validator.js';
import {
  PASSWORD,
  type SessionClient,
  type SignUpInput,
  sessionFrom,
  signUp,
  tokenFrom,
} from './session-client.js';

export type TestAccount = { id: string; secret: string; auth: { Authorization: string } };

export type ApiHarness = {
  http: TestAgent;
  /**
   * With `listen`, the base URL of a real HTTP server running the app (and HERALD_PUBLIC_URL),
   * for callers outside the process such as the local Twilio server's callbacks.
   */
  url?: string;
  /** The BullMQ prefix of this harness's queues, for workers that should serve them. */
  queuePrefix: string;
  redisUrl: string;
  /** Where Redis is, the URL's or `redisCluster`'s, for workers that should serve the queues. */
  redisTarget: RedisTarget;
  masterKey: MasterKey;
  built: ApiDependencies;
  t: TestStores;
  logs: string[];
  violations: ContractViolation[];
  newAccount(name?: string): Promise<TestAccount>;
  /**
   * Signs up through the API: a new user who owns a new organisation, logged in. Their address
   * is verified (set in the database, as the emailed link would) unless `verified: false`.
   */
  signUp(input?: Partial<SignUpInput>, options?: { verified?: boolean }): Promise<SessionClient>;
  /** Invites a new person with `role` into the owner's organisation; they accept and are logged in. */
  addMember(owner: SessionClient, role: Role): Promise<SessionClient>;
  logIn(email: string, password?: string): Promise<SessionClient>;
  /** Herald's own emails so far, opened (they wait in the queue: no worker runs here). */
  systemEmails(): Promise<SystemEmail[]>;
  /** Herald's own text messages so far (the verification codes), opened, oldest first. */
  systemTexts(): Promise<SystemSms[]>;
  /** An operator gives the account a number (as `npm run herald -- numbers assign`). */
  assignNumber(account: { id: string }, number: string): Promise<void>;
  /** An operator lets the account send email from a domain (`domains allow`). */
  allowDomain(account: { id: string }, domain: string): Promise<void>;
  /** Rows in every table of the usage and content stores, and jobs in every dispatch queue. */
  footprint(): Promise<{
    messages: number;
    events: number;
    contents: number;
    idempotency: number;
    jobs: number;
  }>;
  close(): Promise<void>;
};

/**
 * The real app over real PostgreSQL and Redis, with every response checked against the spec.
 * No worker runs: accepted messages stay in their queues, where the tests can count them.
 */
/**
 * The session token of the harness's own named operator (`TEST_OPERATOR`), signed in for the
 * whole run (issue 17, item 8); also the machine token of `/metrics`, so one header opens both.
 */
export const OPERATOR_TOKEN = 'hop_test-operator-session-0123456789abcdef';
/** The operator every harness signs in, as the audit log and review outcomes name them. */
export const TEST_OPERATOR_EMAIL = 'ops@herald.test';
/** The bearer token of the email provider's event route (EMAIL_EVENTS_TOKEN). */
export const EMAIL_EVENTS_TOKEN = 'test-email-events-token-0123456789abcdef';

export type HarnessOptions = {
  redisUrl?: string;
  /** ERASURE_REGISTER_URL: the register of erasures in a database of the test's own (ADR 35). */
  erasureRegisterUrl?: string;
  /** The usage store left empty, for a test that migrates it itself (see createTestStores). */
  emptyUsage?: boolean;
  /** A Redis Cluster instead of the shared Redis (ADR 26). */
  redisCluster?: RedisClusterTarget;
  defaultRateLimit?: number;
  /** Reads per second of each key and user (1000 unless a test wants to reach it). */
  readRateLimit?: number;
  loginThrottle?: LoginThrottleOptions;
  /** Herald's own emails per recipient; unless given, high enough for any test not about them. */
  ownEmails?: OwnEmailLimits;
  /** Callers' email requests; unless given, high enough for any test not about them. */
  emailRequests?: EmailRequestLimits;
  /** Express's `trust proxy`, so a test can come from several networks (X-Forwarded-For). */
  trustProxy?: boolean | number | string;
  authFailureThrottle?: AuthFailureThrottleOptions;
  /** The Twilio auth tokens whose signatures the provider callbacks accept. */
  twilioAuthTokens?: string[];
  /** Also serve the app over real HTTP on a free port (the public URL becomes that port). */
  listen?: boolean;
  /** The webhook URL guard: loopback endpoints (local test servers), and a resolver to fake DNS. */
  webhooks?: { allowHttpLoopback?: boolean; resolve?: Resolver };
  /** What the local provider servers received, for `GET /v1/dev/inbox` (off without it). */
  devInboxSource?: SinkInboxSource;
  /** Serve the built console under /console. */
  consoleDir?: string;
  /** Throughput caps (the PACE_* settings, ADR 28); without them nothing is paced. */
  pacing?: PaceDefaults;
  /** Sending domains' DNS settings (a test's own DNS server); the defaults otherwise. */
  sendingDomains?: DomainDnsSettings;
};

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const t = await createTestStores(undefined, { emptyUsage: options.emptyUsage });
  const { logger, lines } = captureLogger('herald-api');
  const violations: ContractViolation[] = [];
  const queuePrefix = uniqueQueuePrefix();
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const redisTarget = { url: redisUrl, cluster: options.redisCluster ?? null };
  const masterKey = testMasterKey();
  // The port must be known before the app is built: its public URL is what Twilio signs.
  const server = options.listen ? await listenOnFreePort() : undefined;
  const publicUrl = server ? urlOf(server) : 'http://localhost:3000';
  const built = buildDependencies({
    stores: {
      ...t.urls,
      poolSize: 5,
      ...(options.erasureRegisterUrl && { erasureRegister: options.erasureRegisterUrl }),
    },
    redis: { ...redisTarget, prefix: queuePrefix },
    masterKey,
    logger,
    publicUrl,
    session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    cookies: { secure: true, https: false },
    defaultRateLimit: options.defaultRateLimit ?? 1000,
    readRateLimit: options.readRateLimit ?? 1000,
    operatorToken: OPERATOR_TOKEN,
    emailEventsToken: EMAIL_EVENTS_TOKEN,
    twilioAuthTokens: options.twilioAuthTokens,
    loginThrottle: options.loginThrottle,
    ownEmails: options.ownEmails ?? { perRecipientPerHour: 1000, perRecipientPerDay: 1000 },
    emailRequests: options.emailRequests ?? {
      signUpsPerSourcePerHour: 10_000,
      passwordResetsPerSourcePerHour: 10_000,
      verificationEmailsPerUserPerHour: 1000,
      invitationsPerInviterPerHour: 1000,
      invitationsPerAccountPerDay: 1000,
    },
    trustProxy: options.trustProxy,
    authFailureThrottle: options.authFailureThrottle,
    webhooks: {
      allowHttpLoopback: options.webhooks?.allowHttpLoopback ?? false,
      resolve: options.webhooks?.resolve,
    },
    devInboxSource: options.devInboxSource,
    pacing: options.pacing,
    sendingDomains: options.sendingDomains,
  });
  if (!options.redisUrl) await built.ready();
  // The named operator the tests act as, signed in with OPERATOR_TOKEN for a week.
  const { operator: testOperator } = await built.deps.services.operators.create({
    email: TEST_OPERATOR_EMAIL,
    name: 'Test operator',
  });
  await t.stores.account
    .insertInto('operator_sessions')
    .values({
      token_hash: hashToken(OPERATOR_TOKEN),
      operator_id: testOperator.id,
      ip: null,
      expires_at: new Date(Date.now() + 7 * 24 * 3_600_000),
    })
    .execute();
  const app = createApp({
    ...built.deps,
    consoleDir: options.consoleDir,
    trustProxy: options.trustProxy,
    onContractViolation: (v) => violations.push(v),
  });
  const http = supertest(app);
  server?.on('request', app);

  /** A producer's handle on one of this harness's queues, for as long as `use` runs. */
  const withQueue = async <T>(name: string, use: (queue: Queue) => Promise<T>): Promise<T> => {
    const connection = createWorkerConnection(redisTarget);
    const queue = new Queue(name, { connection, prefix: bullPrefix(queuePrefix, name) });
    try {
      return await use(queue);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  };

  /** The jobs a queue holds, oldest first, each opened with `open`. */
  const queued = async <J, T>(name: string, open: (id: string, data: J) => T): Promise<T[]> => {
    return withQueue(name, async (queue) => {
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
      return jobs
        .sort((a, b) => a.timestamp - b.timestamp)
        .map((job) => open(job.id!, job.data as J));
    });
  };
  const systemEmails = () =>
    queued(SYSTEM_EMAIL_QUEUE, (id, data: SystemEmailJob) => openSystemEmail(masterKey, id, data));
  const operator = { type: 'operator', id: 'test-operator', ip: null } as const;

  return {
    http,
    url: server ? publicUrl : undefined,
    queuePrefix,
    redisUrl,
    redisTarget,
    masterKey,
    built,
    t,
    logs: lines,
    violations,
    newAccount: async (name = 'Test account') => {
      const accounts = built.deps.services.accounts;
      const account = await accounts.createAccount(name);
      const { secret } = await accounts.createApiKey(account.id, { name: 'test' });
      return { id: account.id, secret, auth: { Authorization: `Bearer ${secret}` } };
    },
    signUp: async (input = {}, { verified = true } = {}) => {
      const client = await signUp(http, input);
      if (verified) {
        await t.stores.account
          .updateTable('users')
          .set({ email_verified_at: new Date() })
          .where('id', '=', client.userId)
          .execute();
        await releaseAccountsOwnedBy(t.stores.account, client.userId);
      }
      return client;
    },
    addMember: async (owner, role) => {
      const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
      const invite = await owner.send('post', '/v1/invitations').send({ email, role }).expect(201);
      const token = tokenFrom((await systemEmails()).find((m) => m.to === email)!.text);
      const res = await http
        .post('/v1/auth/invitations/accept')
        .send({ token, name: `A ${role}`, password: PASSWORD })
        .expect(200);
      return sessionFrom(http, res, email, invite.body.id);
    },
    logIn: async (email, password = PASSWORD) => {
      const res = await http.post('/v1/auth/login').send({ email, password }).expect(200);
      return sessionFrom(http, res, email);
    },
    systemEmails,
    systemTexts: () =>
      queued(SYSTEM_SMS_QUEUE, (id, data: SystemSmsJob) => openSystemSms(masterKey, id, data)),
    assignNumber: async (account, number) => {
      await built.deps.services.phoneNumbers.assign(number, account.id, operator);
    },
    allowDomain: async (account, domain) => {
      await built.deps.services.senderDomains.allow(account.id, domain, operator);
    },
    footprint: async () => {
      const count = async (db: typeof t.stores.usage | typeof t.stores.content, table: string) => {
        const { rows } = await sql<{
          n: string;
        }>`select count(*) as n from ${sql.table(table)}`.execute(db);
        return Number(rows[0]!.n);
      };
      let jobs = 0;
      if (!options.redisUrl) {
        for (const queue of Object.values(built.queues)) {
          const counts = await queue.getJobCounts();
          jobs += Object.values(counts).reduce((a, b) => a + b, 0);
        }
      }
      return {
        messages: await count(t.stores.usage, 'messages'),
        events: await count(t.stores.usage, 'message_events'),
        contents: await count(t.stores.content, 'message_contents'),
        idempotency: await count(t.stores.usage, 'idempotency_keys'),
        jobs,
      };
    },
    close: async () => {
      if (server) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      if (!options.redisUrl) {
        for (const queue of Object.values(built.queues)) await queue.obliterate({ force: true });
        await built.webhookQueue.obliterate({ force: true });
        await built.privacyQueue.obliterate({ force: true });
        for (const name of [SYSTEM_EMAIL_QUEUE, SYSTEM_SMS_QUEUE]) {
          await withQueue(name, (queue) => queue.obliterate({ force: true }));
        }
      }
      await built.close();
      await t.drop();
    },
  };
}

async function listenOnFreePort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export const validSms = {
  channel: 'sms',
  to: '+14155550100',
  body: 'Your code is 123456',
} as const;
export const validEmail = {
  channel: 'email',
  to: 'ada@example.com',
  subject: 'Welcome',
  text: 'Hello Ada',
  html: '<p>Hello Ada</p>',
} as const;
export const validPushToken = `fcm-token_${'a'.repeat(40)}:APA91b${'B'.repeat(100)}`;
export const validPush = {
  channel: 'push',
  to: validPushToken,
  title: 'Hi',
  body: 'You have mail',
  data: { kind: 'mail' },
} as const;
