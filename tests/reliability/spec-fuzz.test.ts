import { ResponseValidator } from '@herald/api';
import {
  type ApiHarness,
  EMAIL_EVENTS_TOKEN,
  OPERATOR_TOKEN,
  type SessionClient,
  startApiHarness,
} from '@herald/api/testing';
import type { Stores } from '@herald/core';
import { loadSpec } from '@herald/openapi';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCase } from './support/recorder.js';
import { type FuzzOperation, type FuzzRequest, SpecFuzzer } from './support/spec-fuzz.js';

const spec = loadSpec();
const PROBES = new Set(['getHealth', 'getReadiness']);
const fuzzer = new SpecFuzzer(spec);
const contract = new ResponseValidator(spec);
// Ending the session the walk uses goes last.
const operations = fuzzer
  .operations()
  .sort((a, b) => Number(a.operationId === 'logOut') - Number(b.operationId === 'logOut'));

/** Rows in every table of the three stores: an invalid request must change none of them. */
async function rowCounts(stores: Stores): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [store, db] of Object.entries(stores)) {
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
    const union = tables
      .map((t) => `select '${t.name}' as name, count(*)::int as n from "${t.name}"`)
      .join(' union all ');
    const { rows } = await sql
      .raw<{ name: string; n: number }>(union)
      .execute(db as Stores['usage']);
    for (const row of rows) counts[`${store}.${row.name}`] = row.n;
  }
  return counts;
}

/** The headers every answer carries (helmet's, and no-store: none of it may sit in a cache). */
function missingHardening(headers: Record<string, string | undefined>): string[] {
  const missing: string[] = [];
  if (headers['x-content-type-options'] !== 'nosniff') missing.push('nosniff');
  if (headers['cache-control'] !== 'no-store') missing.push('no-store');
  if (!headers['content-security-policy']?.includes("frame-ancestors 'none'"))
    missing.push("frame-ancestors 'none'");
  if (headers['referrer-policy'] !== 'no-referrer') missing.push('Referrer-Policy');
  return missing;
}

/**
 * Requests generated from openapi.yaml for every operation: the valid request, and variants
 * with wrong types, missing fields, huge strings, deep JSON, unicode edge cases, numbers as
 * strings and prototype-pollution keys. The spec's own validator says which are invalid.
 */
describe('reliability: requests generated from the spec', () => {
  let h: ApiHarness;
  let owner: SessionClient;
  let key: { secret: string; sid: string };
  beforeAll(async () => {
    h = await startApiHarness();
    owner = await h.signUp();
    const res = await owner.send('post', '/v1/api-keys').send({ name: 'fuzz' }).expect(201);
    key = { secret: res.body.secret, sid: res.body.twilio_account_sid };
  });
  afterAll(async () => {
    await h.close();
  });

  const send = (op: FuzzOperation, r: FuzzRequest) => {
    const method = op.method as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const credential = op.credentials[0];
    let req =
      credential === 'session'
        ? owner.send(method, r.path + r.query)
        : h.http[method](r.path + r.query);
    if (credential === 'apiKey') req = req.set('Authorization', `Bearer ${key.secret}`);
    if (credential === 'operatorToken') req = req.set('Authorization', `Bearer ${OPERATOR_TOKEN}`);
    if (credential === 'providerToken')
      req = req.set('Authorization', `Bearer ${EMAIL_EVENTS_TOKEN}`);
    if (credential === 'twilioBasic') req = req.auth(key.sid, key.secret);
    if (r.body && !r.headers['Content-Type']) req = req.set('Content-Type', r.body.mediaType);
    for (const [name, value] of Object.entries(r.headers)) req = req.set(name, value);
    req = req.timeout(15_000);
    return r.body ? req.send(r.body.raw) : req;
  };

  it('when every operation gets valid and hostile requests, then no 5xx, every answer is in the spec, and invalid ones are refused with 4xx and write nothing', async () => {
    const failures: string[] = [];
    const writes: string[] = [];
    let sent = 0;
    let invalid = 0;
    let validBases = 0;
    let fiveHundreds = 0;
    let invalidNot4xx = 0;
    let contractViolations = 0;
    let unhardenedAnswers = 0;
    for (const op of operations) {
      const requests = fuzzer.requests(op, { AccountSid: key.sid }).map((r) => ({
        ...r,
        // Probes ignore query strings on purpose: load balancers add their own.
        invalid: r.invalid && !(PROBES.has(op.operationId) && /^(unknown )?query/.test(r.variant)),
      }));
      if (!requests[0]!.invalid) validBases++;
      const check = async (r: FuzzRequest) => {
        const res = await send(op, r);
        sent++;
        const where = `${op.operationId} [${r.variant}] ${res.status}`;
        // Readiness answers 503 by design here: no worker runs beside this harness.
        const expected503 = op.operationId === 'getReadiness' && res.status === 503;
        if (res.status >= 500 && !expected503) {
          fiveHundreds++;
          failures.push(`${where}: ${JSON.stringify(res.body).slice(0, 300)}`);
        } else if (r.invalid && (res.status < 400 || res.status > 499)) {
          invalidNot4xx++;
          failures.push(`${where}: invalid request not refused`);
        }
        const unhardened = missingHardening(res.headers);
        if (unhardened.length > 0) {
          unhardenedAnswers++;
          failures.push(`${where}: without ${unhardened.join(', ')}`);
        }
        if (!op.declaredStatuses.has(res.status)) {
          contractViolations++;
          failures.push(`${where}: status not declared in the spec`);
        } else if (/json/.test(res.headers['content-type'] ?? '') && res.status < 500) {
          const problem = contract.check(op.operationId, res.status, res.body);
          if (problem && !problem.startsWith('the spec declares no')) {
            contractViolations++;
            failures.push(`${where}: ${problem}`);
          }
        }
      };
      const before = await rowCounts(h.t.stores);
      for (const r of requests.filter((r) => r.invalid)) {
        invalid++;
        await check(r);
      }
      const after = await rowCounts(h.t.stores);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (changed.length > 0) writes.push(`${op.operationId}: ${changed.join(', ')}`);
      for (const r of requests.filter((r) => !r.invalid)) await check(r);
    }
    const polluted = ({} as Record<string, unknown>).polluted !== undefined;
    await recordCase('spec-fuzz', import.meta.filename, {
      lost: 0,
      duplicated: 0,
      late: 0,
      operations: operations.length,
      validBaseRequests: validBases,
      requests: sent,
      invalidRequests: invalid,
      fiveHundreds,
      invalidNot4xx,
      contractViolations: contractViolations + h.violations.length,
      invalidThatWrote: writes.length,
      answersWithoutSecurityHeaders: unhardenedAnswers,
      prototypePolluted: polluted,
    });
    expect(failures).toEqual([]);
    expect(writes).toEqual([]);
    expect(h.violations).toEqual([]);
    expect(polluted).toBe(false);
  }, 240_000);
});
