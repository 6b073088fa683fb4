import { readFileSync } from 'node:fs';
import {
  type ApiKeyScope,
  can,
  type Permission,
  rolePermissions,
  roles,
  scopePermissions,
  scopes,
} from '@herald/core';
import { loadSpec } from '@herald/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOperationAccess } from '../openapi/operation-access.js';
import { renderPermissionTable } from '../openapi/permission-table.js';
import { type ApiHarness, startApiHarness } from '../testing/api.harness.js';
import type { SessionClient } from '../testing/session-client.js';

const spec = loadSpec();
const access = readOperationAccess(spec);

/** Ids of the right shape that name nothing: a request reaches its route, then finds no object. */
const dummyIds: Record<string, string> = {
  id: 'msg_00000000000000000000000000',
  user_id: 'usr_00000000000000000000000000',
  invitation_id: 'inv_00000000000000000000000000',
  api_key_id: 'key_00000000000000000000000000',
  review_request_id: 'rev_00000000000000000000000000',
  account_id: 'acc_00000000000000000000000000',
  suppression_id: 'sup_00000000000000000000000000',
  phone_number_id: 'num_00000000000000000000000000',
  webhook_endpoint_id: 'whe_00000000000000000000000000',
};

type Case = {
  method: string;
  path: string;
  operationId: string;
  permission: Permission | null;
  session: boolean;
  apiKey: boolean;
};
const cases: Case[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => {
    const rules = access.get(op.operationId)!;
    return {
      method,
      path: path.replace(/\{([^}]+)\}/g, (_, name: string) => dummyIds[name]!),
      operationId: op.operationId,
      permission: rules.permission,
      session: rules.credentials.includes('session'),
      apiKey: rules.credentials.includes('apiKey'),
    };
  }),
);
// Logging out ends the session the walk uses: it goes last.
const ordered = [
  ...cases.filter((c) => c.operationId !== 'logOut'),
  ...cases.filter((c) => c.operationId === 'logOut'),
];

describe('the route × role table', () => {
  let h: ApiHarness;
  const people: Partial<Record<(typeof roles)[number], SessionClient>> = {};
  const keys: Record<string, string> = {};
  /** Keys a developer owns: whatever their scope, they do only what a developer may (ADR 16). */
  const developerKeys: Array<{ scope: ApiKeyScope; secret: string }> = [];

  beforeAll(async () => {
    h = await startApiHarness();
    people.owner = await h.signUp();
    for (const role of ['admin', 'developer', 'viewer'] as const)
      people[role] = await h.addMember(people.owner, role);
    for (const scope of scopes) {
      const res = await people.owner
        .send('post', '/v1/api-keys')
        .send({ name: scope, scope })
        .expect(201);
      keys[scope] = res.body.secret;
    }
    const made = await people.developer!.send('post', '/v1/api-keys').send({ name: 'd' });
    // A `full` key a developer's session made before keys were bounded by their owner's role.
    const legacy = await people.owner.send('post', '/v1/api-keys').send({ name: 'legacy' });
    await h.t.stores.account
      .updateTable('api_keys')
      .set({ owner_user_id: people.developer!.userId })
      .where('id', '=', legacy.body.id)
      .execute();
    developerKeys.push(
      { scope: made.body.scope, secret: made.body.secret },
      { scope: 'full', secret: legacy.body.secret },
    );
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.close();
  });

  it('docs/permissions.md is the table the code enforces (run `npm run generate` after changing it)', () => {
    const committed = readFileSync(
      new URL('../../../../docs/permissions.md', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(renderPermissionTable(spec));
  });

  it('the session tells each person what their role may do and which roles they may grant', async () => {
    const answers = Object.fromEntries(
      await Promise.all(
        roles.map(async (role) => {
          const res = await people[role]!.send('get', '/v1/auth/session').expect(200);
          return [role, res.body] as const;
        }),
      ),
    );
    for (const role of roles)
      expect(new Set(answers[role].permissions), role).toEqual(rolePermissions[role]);
    expect(Object.fromEntries(roles.map((r) => [r, answers[r].grantable_roles]))).toEqual({
      owner: ['owner', 'admin', 'developer', 'viewer'],
      admin: ['admin', 'developer', 'viewer'],
      developer: [],
      viewer: [],
    });
  });

  const walk = ordered.filter((c) => c.permission !== null);
  it.each(walk.map((c) => [`${c.method.toUpperCase()} ${c.path}`, c] as const))(
    '%s: each role and key scope allowed or refused as the table says',
    async (_name, c) => {
      const outcomes: string[] = [];
      const send = (test: ReturnType<SessionClient['send']>) =>
        c.method === 'get' || c.method === 'delete' ? test : test.send({});
      for (const role of roles) {
        if (!c.session) continue;
        const res = await send(people[role]!.send(c.method as 'get', c.path));
        const allowed = rolePermissions[role].has(c.permission!);
        outcomes.push(
          `${role}: ${allowed ? 'allowed' : 'refused'} → ${res.status} ${res.body?.code ?? ''}`,
        );
        // Allowed means the request got past authentication and authorization (401 would hide a miss).
        if (allowed) expect([401, 403], outcomes.at(-1)).not.toContain(res.status);
        else expect([res.status, res.body.code], outcomes.at(-1)).toEqual([403, 'forbidden']);
      }
      for (const scope of scopes) {
        const res = await send(
          h.http[c.method as 'get'](c.path).set('Authorization', `Bearer ${keys[scope]}`),
        );
        const allowed = c.apiKey && scopePermissions[scope].has(c.permission!);
        const outcome = `key ${scope}: ${allowed ? 'allowed' : 'refused'} → ${res.status} ${res.body?.code ?? ''}`;
        if (allowed) expect([401, 403], outcome).not.toContain(res.status);
        else expect([res.status, res.body.code], outcome).toEqual([403, 'forbidden']);
      }
      for (const { scope, secret } of developerKeys) {
        if (!c.apiKey) continue;
        const res = await send(
          h.http[c.method as 'get'](c.path).set('Authorization', `Bearer ${secret}`),
        );
        const owner = { userId: people.developer!.userId, role: 'developer' as const };
        const principal = { kind: 'api_key', scope, owner } as Parameters<typeof can>[0];
        const allowed = can(principal, c.permission!);
        expect(allowed && !rolePermissions.developer.has(c.permission!)).toBe(false);
        const outcome = `developer's ${scope} key: ${allowed ? 'allowed' : 'refused'} → ${res.status}`;
        if (allowed) expect([401, 403], outcome).not.toContain(res.status);
        else expect([res.status, res.body.code], outcome).toEqual([403, 'forbidden']);
      }
    },
  );
});
