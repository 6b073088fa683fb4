import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  AccountService,
  type Actor,
  AuditLog,
  BestEffort,
  ContentVault,
  connectStore,
  connectStores,
  createLogger,
  createProducerConnection,
  createSystemMailer,
  destroyStores,
  ErasureRegister,
  type ErasureRegisterDatabase,
  ErasureReplay,
  IdentifierHasher,
  MessageIdentifiers,
  migrateStores,
  type PendingReview,
  RetentionService,
  rotateMasterKey,
  type Stores,
  SubjectEraser,
  systemClock,
  TrustService,
  waitUntilReady,
} from '@herald/core';
import type { Kysely } from 'kysely';
import { type CliConfig, loadCliConfig, masterKeysToRotate } from './config.js';
import { operatorUsage, runOperatorCommand } from './operator-commands.js';
import { policyUsage, runPolicyCommand } from './policy-commands.js';
import { providerUsage, runProviderCommand } from './provider-commands.js';
import { runSenderCommand, senderUsage } from './sender-commands.js';

const usage = `Usage: npm run herald -- <command> [options]

Commands:
  migrate                                   bring the three stores to their latest migration
  accounts create --name <name>             create an account and its first live API key
  keys create --account <acc_id> [--name <name>] [--test]
                                            create another API key (the secret is shown once)
  accounts legal-hold <acc_id> --on|--off --reason <reason> [--operator <email>]
                                            pause (or resume) every deletion of the account's
                                            data: retention jobs and the purge of a closed account
  reviews list                              review requests waiting for an operator, oldest first
  reviews resolve <rev_id> --reinstate|--uphold --reason <reason> [--operator <email>]
                                            reinstate the account or uphold its suspension; the
                                            owners are emailed the outcome and the reason
  master-key rotate                         re-wrap every data key and secret from HERALD_MASTER_KEY
                                            to HERALD_NEW_MASTER_KEY (stop the API and worker first)
  privacy replay-erasures --since <time>    after a database restore, erase again everyone the
                                            register (ERASURE_REGISTER_URL) erased since <time>,
                                            when the backup was taken (ISO 8601); needs
                                            HERALD_MASTER_KEY. Run it before the API and worker.
${senderUsage}
${providerUsage}
${policyUsage}
${operatorUsage}

Reads ACCOUNT_DATABASE_URL, USAGE_DATABASE_URL and CONTENT_DATABASE_URL (see README); reviews
resolve also REDIS_URL (or REDIS_CLUSTER_NODES), HERALD_QUEUE_PREFIX and HERALD_MASTER_KEY, to queue the owners' email.`;

/** Operator CLI. Prints results on stdout; secrets are printed once and never stored in clear. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      account: { type: 'string' },
      test: { type: 'boolean', default: false },
      reinstate: { type: 'boolean', default: false },
      uphold: { type: 'boolean', default: false },
      on: { type: 'boolean', default: false },
      off: { type: 'boolean', default: false },
      reason: { type: 'string' },
      operator: { type: 'string' },
      pending: { type: 'boolean', default: false },
      since: { type: 'string' },
      kind: { type: 'string' },
      email: { type: 'string' },
      version: { type: 'string' },
      url: { type: 'string' },
      effective: { type: 'string' },
      summary: { type: 'string' },
      material: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  // `reviews resolve <rev_id>`: the command is the first two words, the rest its arguments.
  const [group = '', action, ...rest] = positionals;
  const command = [group, action].filter(Boolean).join(' ');
  if (values.help || command === '') {
    console.log(usage);
    return values.help ? 0 : 2;
  }

  const config = loadCliConfig();
  // A tool serves no /metrics: what it lets fail is a warning on stderr.
  const bestEffort = new BestEffort({ logger: cliLogger() });
  const stores = connectStores(config.stores, {
    poolSize: 2,
    applicationName: 'herald-cli',
    bestEffort,
  });
  try {
    const audit = new AuditLog({ account: stores.account });
    // An operator's tool: nothing authenticates through it, so no key-failure throttle.
    const accounts = new AccountService({
      account: stores.account,
      audit,
      clock: systemClock,
      failures: null,
      bestEffort,
    });
    switch (command) {
      case 'migrate': {
        for (const report of await migrateStores(stores)) {
          console.log(
            `${report.store}: ${report.applied.length === 0 ? 'up to date' : `applied ${report.applied.join(', ')}`}`,
          );
        }
        return 0;
      }
      case 'accounts create': {
        if (!values.name) return fail('accounts create needs --name <name>');
        const account = await accounts.createAccount(values.name);
        const { key, secret } = await accounts.createApiKey(account.id, { name: 'Default key' });
        console.log(`account: ${account.id}`);
        console.log(`api key: ${key.id}`);
        console.log(`secret:  ${secret}   (shown once: store it now)`);
        return 0;
      }
      case 'keys create': {
        if (!values.account) return fail('keys create needs --account <acc_id>');
        const { key, secret } = await accounts.createApiKey(values.account, {
          name: values.name ?? 'API key',
          mode: values.test ? 'test' : 'live',
        });
        console.log(`api key: ${key.id}`);
        console.log(`secret:  ${secret}   (shown once: store it now)`);
        return 0;
      }
      case 'accounts legal-hold': {
        const [accountId] = rest;
        if (!accountId || values.on === values.off || !values.reason || values.reason.length < 3) {
          return fail(
            'accounts legal-hold needs <acc_id>, one of --on or --off, and --reason <reason>',
          );
        }
        const retention = new RetentionService({
          ...stores,
          audit,
          clock: systemClock,
        });
        const policy = await retention.setLegalHold(
          accountId,
          { on: values.on, reason: values.reason },
          { type: 'operator', id: await operatorId(stores, values.operator), ip: null },
        );
        console.log(
          `${accountId}: legal hold ${policy.legalHold ? 'on: nothing of it is deleted until it is lifted' : 'off'}`,
        );
        return 0;
      }
      case 'reviews list': {
        const pending = await listPendingReviews(stores, bestEffort);
        if (pending.length === 0) console.log('no review requests are pending');
        for (const review of pending) console.log(formatReview(review));
        return 0;
      }
      case 'reviews resolve': {
        const [reviewId] = rest;
        if (!reviewId || values.reinstate === values.uphold || !values.reason) {
          return fail(
            'reviews resolve needs <rev_id>, one of --reinstate or --uphold, and --reason <reason>',
          );
        }
        const review = await resolveReview(stores, config, bestEffort, reviewId, {
          outcome: values.reinstate ? 'reinstate' : 'uphold',
          reason: values.reason,
          operator: await operatorId(stores, values.operator),
        });
        console.log(`${review.id}: ${review.status} (the owners are emailed the outcome)`);
        return 0;
      }
      case 'master-key rotate': {
        const { from, to } = masterKeysToRotate(config);
        const actor = {
          type: 'operator' as const,
          id: await operatorId(stores, values.operator),
          ip: null,
        };
        const report = await rotateMasterKey(stores, from, to);
        // Herald-wide, not one account's: audited with no account.
        await audit.record({
          accountId: null,
          actor,
          action: 'platform.master_key_rotated',
          details: { from: from.id, to: to.id, data_keys: report.dataKeys },
        });
        console.log(
          `re-wrapped ${report.dataKeys} data keys, ${report.heraldKeys} Herald keys, ${report.webhookSecrets} webhook endpoint secrets, ${report.signingSecrets} signing secrets and ${report.dkimKeys} DKIM keys; content untouched`,
        );
        console.log('now start the API and the worker with HERALD_MASTER_KEY set to the new key');
        return 0;
      }
      case 'privacy replay-erasures': {
        const since = values.since ? new Date(values.since) : undefined;
        if (!since || Number.isNaN(since.getTime()))
          return fail(
            'privacy replay-erasures needs --since <time>: when the restored backup was taken, ISO 8601 (2026-12-01T03:00:00Z)',
          );
        const report = await replayErasures(stores, config, bestEffort, since, {
          type: 'operator',
          id: await operatorId(stores, values.operator),
          ip: null,
        });
        console.log(
          `${report.erasures} erasures since ${since.toISOString()} replayed; ${report.found} people were found again by identifier in the restored usage store`,
        );
        console.log(
          `erased again: ${
            Object.entries(report.counts)
              .filter(([, n]) => n > 0)
              .map(([category, n]) => `${category} ${n}`)
              .join(', ') || 'nothing was left'
          }`,
        );
        if (report.providerDeletions > 0)
          console.log(
            `${report.providerDeletions} provider copies will be deleted again by the worker (its provider-erasure sweep)`,
          );
        return 0;
      }
      default: {
        const operator = {
          type: 'operator',
          id: await operatorId(stores, values.operator),
          ip: null,
        } as const;
        const code =
          (await runSenderCommand(stores, command, rest, values, operator)) ??
          (await runProviderCommand(stores, config.pacing, command, rest, operator)) ??
          (await runPolicyCommand(stores, command, values)) ??
          (await runOperatorCommand(stores, config.masterKey, command, values));
        return code ?? fail(`unknown command "${positionals.join(' ')}"\n\n${usage}`);
      }
    }
  } finally {
    await destroyStores(stores);
  }
}

/**
 * Replays the register against the restored stores. No Redis: a restored store's jobs are not
 * in it, and the workers skip the jobs of messages the replay cancels or rewrites.
 */
async function replayErasures(
  stores: Stores,
  config: CliConfig,
  bestEffort: BestEffort,
  since: Date,
  actor: Actor,
) {
  if (!config.masterKey)
    throw new Error(
      'privacy replay-erasures finds people by their keyed hash, so it needs HERALD_MASTER_KEY as the API and worker have it; nothing was changed',
    );
  const register = config.stores.erasureRegister
    ? connectStore<ErasureRegisterDatabase>(config.stores.erasureRegister, {
        poolSize: 1,
        applicationName: 'herald-cli',
        bestEffort,
      })
    : (stores.account as unknown as Kysely<ErasureRegisterDatabase>);
  try {
    const vault = new ContentVault({ content: stores.content, masterKey: config.masterKey });
    const hasher = new IdentifierHasher({ usage: stores.usage, masterKey: config.masterKey });
    const replay = new ErasureReplay({
      usage: stores.usage,
      register: new ErasureRegister(register),
      hasher,
      identifiers: new MessageIdentifiers({ vault, hasher }),
      eraser: new SubjectEraser({
        ...stores,
        vault,
        jobs: { remove: async () => ({ dispatch: 0, webhooks: 0 }) },
        clock: systemClock,
      }),
      audit: new AuditLog({ account: stores.account }),
    });
    return await replay.replay(since, actor);
  } finally {
    if (register !== (stores.account as unknown)) await register.destroy();
  }
}

/** Listing changes nothing and tells nobody, so it needs neither Redis nor the master key. */
async function listPendingReviews(
  stores: Stores,
  bestEffort: BestEffort,
): Promise<PendingReview[]> {
  const trust = new TrustService({
    account: stores.account,
    audit: new AuditLog({ account: stores.account }),
    mailer: {
      send: async () => {
        throw new Error('reviews list sends no email');
      },
    },
    bestEffort,
    clock: systemClock,
  });
  return trust.listPendingReviews();
}

/** Warnings go to stderr, away from the output an operator may pipe. */
function cliLogger() {
  return createLogger({ name: 'herald-cli', level: 'warn', destination: process.stderr });
}

/**
 * Resolving emails the owners through the worker's system-email queue, like the API does, so
 * it needs Redis and the master key; both are checked before anything changes.
 */
async function resolveReview(
  stores: Stores,
  { masterKey, redis, ownEmails }: CliConfig,
  bestEffort: BestEffort,
  reviewId: string,
  input: Parameters<TrustService['resolveReview']>[1],
) {
  if (!masterKey) {
    throw new Error(
      'reviews resolve emails the owners, so it needs HERALD_MASTER_KEY (and REDIS_URL or REDIS_CLUSTER_NODES, HERALD_QUEUE_PREFIX) as the API and worker have them; nothing was changed',
    );
  }
  const connection = createProducerConnection(redis);
  connection.on('error', (error) => bestEffort.failed('redis_connection', error));
  const logger = cliLogger();
  const { mailer, queue } = createSystemMailer({
    redis: connection,
    prefix: redis.prefix,
    masterKey,
    limits: ownEmails,
    logger,
  });
  try {
    await waitUntilReady(connection, 5000).catch(() => {
      throw new Error(
        'Redis (REDIS_URL) does not answer, so the owners could not be emailed; nothing was changed',
      );
    });
    const trust = new TrustService({
      account: stores.account,
      audit: new AuditLog({ account: stores.account }),
      mailer,
      bestEffort,
      clock: systemClock,
    });
    return await trust.resolveReview(reviewId, input);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

function formatReview(review: PendingReview): string {
  const { decision } = review;
  return [
    `${review.id}  ${review.accountId} "${review.accountName}"  asked ${review.createdAt.toISOString()}`,
    `  suspension ${decision.id} (${decision.automated ? `automated, score ${decision.score}` : `by ${decision.decidedBy}`}): ${decision.reason}`,
    ...decision.signals.map(
      (s) => `    ${s.name}: ${s.value} (threshold ${s.threshold}, weight ${s.weight})`,
    ),
    `  statement: ${review.statement.replaceAll('\n', '\n    ')}`,
  ].join('\n');
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

/**
 * Who a command acts as in the audit log (issue 17, item 8): the named operator `--operator`
 * gives (by address; an unknown one is refused), or else the account at the machine's shell.
 */
async function operatorId(stores: Stores, given: string | undefined): Promise<string> {
  if (given === undefined) return `cli:${userInfo().username}`;
  const found = await stores.account
    .selectFrom('operators')
    .select('id')
    .where('email', '=', given.trim().toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!found)
    throw new Error(
      `--operator ${given}: no operator has this address (npm run herald -- operators create)`,
    );
  return found.id;
}
