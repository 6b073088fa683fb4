import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectStores, destroyStores, migrateStores } from '@herald/core';
import { toolBestEffort } from '../best-effort.js';
import { findOrStartInfrastructure, storeUrls } from '../infra/infrastructure.js';
import { canConnect, ensureDatabases, redactPassword, withDatabase } from '../infra/postgres.js';
import { serveDevInbox } from '../sinks/dev-inbox.js';
import { ensureDevApiKey } from './dev-account.js';
import { devMasterKey, devOperatorToken } from './master-key-file.js';
import { type Managed, startProcess, stopProcess, waitForHttp } from './processes.js';
import { startSinksForUnconfigured } from './provider-env.js';
import { loadStartConfig, repoRoot } from './start-config.js';

const log = (line: string) => console.log(`[herald] ${line}`);

/**
 * `npm start`: PostgreSQL and Redis (found or started), the three stores migrated, local
 * provider servers for unconfigured channels, a development account, then the API and the
 * worker as child processes. Ctrl-C stops everything cleanly.
 */
async function launch(): Promise<void> {
  const cleanups: Array<() => Promise<void>> = [];
  const shutdown = async (code: number) => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    process.exit(code);
  };

  try {
    const config = loadStartConfig();
    const { inherited: env, stateDir } = config;
    const infra = await findOrStartInfrastructure({ env, stateDir, log });
    cleanups.push(() => infra.stop());
    log(
      `PostgreSQL: ${redactPassword(infra.postgresAdminUrl)}${infra.embeddedPostgres ? ' (embedded)' : ''}`,
    );
    log(`Redis:      ${infra.redisUrl}${infra.startedRedis ? ' (started here)' : ''}`);

    const urls = storeUrls(env, infra.postgresAdminUrl);
    for (const url of Object.values(urls)) {
      // Created only when missing, so a configured server needs no CREATE DATABASE right.
      if (!(await canConnect(url)))
        await ensureDatabases(withDatabase(url, 'postgres'), [new URL(url).pathname.slice(1)]);
    }
    const masterKey = await devMasterKey(config.masterKey, stateDir, log);
    const operatorToken = await devOperatorToken(config.operatorToken, stateDir);
    const stores = connectStores(urls, {
      poolSize: 2,
      applicationName: 'herald-start',
      bestEffort: toolBestEffort('herald-start'),
    });
    await migrateStores(stores);
    const devKey = await ensureDevApiKey(stores.account, stateDir);
    await destroyStores(stores);

    // So `npm run herald` and `npm run migrate` reach the same stores while this runs.
    await writeFile(
      path.join(stateDir, 'dev-env.json'),
      `${JSON.stringify({ ACCOUNT_DATABASE_URL: urls.account, USAGE_DATABASE_URL: urls.usage, CONTENT_DATABASE_URL: urls.content, REDIS_URL: infra.redisUrl }, null, 2)}\n`,
    );

    const providers = await startSinksForUnconfigured(config);
    cleanups.push(() => providers.sinks.close());
    // The console's development inbox: the API reads what the local servers received from here.
    const inbox = providers.local.length > 0 ? await serveDevInbox(providers.sinks) : undefined;
    if (inbox) cleanups.push(() => inbox.close());

    const childEnv = {
      ...env,
      ...providers.env,
      ACCOUNT_DATABASE_URL: urls.account,
      USAGE_DATABASE_URL: urls.usage,
      CONTENT_DATABASE_URL: urls.content,
      REDIS_URL: infra.redisUrl,
      HERALD_MASTER_KEY: masterKey,
      HERALD_OPERATOR_TOKEN: operatorToken,
      PORT: String(config.port),
      HERALD_PUBLIC_URL: config.publicUrl,
      CONSOLE_DIR: config.consoleDir,
      API_MIGRATE_ON_START: 'false',
      WORKER_MIGRATE_ON_START: 'false',
      // One of each on a laptop, whatever NODE_ENV says: the supervisor here restarts them.
      API_PROCESSES: '1',
      WORKER_PROCESSES: '1',
      // Development: webhook endpoints on this machine (http://localhost:…) may receive events.
      WEBHOOK_ALLOW_HTTP_LOOPBACK: String(config.allowHttpLoopback),
      ...(inbox && { DEV_INBOX_URL: inbox.url }),
    };
    const children: Managed[] = [
      startProcess('api', path.join(repoRoot, 'packages/api/dist/main.js'), childEnv),
      startProcess('worker', path.join(repoRoot, 'packages/worker/dist/main.js'), childEnv),
    ];
    cleanups.push(async () => {
      await Promise.all(children.map((child) => stopProcess(child)));
    });
    let stopping = false;
    for (const managed of children) {
      managed.child.once('exit', (code, signal) => {
        if (stopping) return;
        log(`${managed.name} exited (${signal ?? code}); stopping everything.`);
        stopping = true;
        void shutdown(1);
      });
    }
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      log('stopping…');
      void shutdown(0);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const apiUrl = `http://localhost:${config.port}`;
    await waitForHttp(`${apiUrl}/readyz`, 60_000, () =>
      children.every((c) => c.child.exitCode === null),
    );
    printBanner({
      apiUrl,
      secret: devKey.secret,
      created: devKey.created,
      local: providers.local,
      emailsUrl: inbox && `${inbox.url}/emails`,
      stateDir,
    });
  } catch (error) {
    console.error(`[herald] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

function printBanner(info: {
  apiUrl: string;
  secret: string;
  created: boolean;
  stateDir: string;
  local: string[];
  /** Every email the local SMTP server received, Herald's own (sign-up links) included. */
  emailsUrl?: string;
}): void {
  const lines = [
    '',
    'Herald is running.',
    '',
    `  API:      ${info.apiUrl}`,
    `  Console:  ${info.apiUrl}/console`,
    `  Dev key:  ${info.secret}${info.created ? '   (new: created for this machine)' : ''}`,
    `  Metrics:  ${info.apiUrl}/metrics with the token in ${path.join(info.stateDir, 'operator-token')}`,
    '  Operator: npm run herald -- operators create --email you@example.com --name You',
    '            (then sign in at POST /v1/operator/sessions with the password and a TOTP code)',
    '',
    ...(info.local.length > 0
      ? [
          '  Local provider servers (no provider account needed):',
          ...info.local.map((l) => `    ${l}`),
          ...(info.emailsUrl
            ? [`    Herald's own emails (sign-up verification links): curl -s ${info.emailsUrl}`]
            : []),
          '',
        ]
      : []),
    '  Send an SMS:',
    `    curl -s ${info.apiUrl}/v1/messages \\`,
    `      -H "Authorization: Bearer ${info.secret}" \\`,
    `      -H "Content-Type: application/json" \\`,
    `      -d '{"channel":"sms","to":"+14155550100","body":"Hello from Herald"}'`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

void launch();
