import { deliveryErrors, httpErrors, permissions } from '@herald/core';
import { loadSpec } from '@herald/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness } from '../testing/api.harness.js';

const spec = loadSpec();
const enumOf = (name: string) => (spec.components.schemas[name] as { enum: string[] }).enum;

describe('the spec and the code agree', () => {
  it('the ErrorCode enum lists exactly the codes of the error registry', () => {
    expect([...enumOf('ErrorCode')].sort()).toEqual(Object.keys(httpErrors).sort());
  });

  it('the DeliveryErrorCode enum lists exactly the delivery failure codes', () => {
    expect([...enumOf('DeliveryErrorCode')].sort()).toEqual(Object.keys(deliveryErrors).sort());
  });

  it('the Permission enum lists exactly the permissions of the role table, in its order', () => {
    expect(enumOf('Permission')).toEqual([...permissions]);
  });

  it('every operation declares the errors any request can meet', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      if (path === '/healthz' || path === '/readyz') continue;
      for (const [method, operation] of Object.entries(item)) {
        const op = operation as {
          security?: unknown[];
          requestBody?: unknown;
          responses: Record<string, unknown>;
        };
        const secured =
          (op.security ?? (spec as { security?: unknown[] }).security ?? []).length > 0;
        const expected = [
          '503',
          ...(secured ? ['401'] : []),
          ...(op.requestBody ? ['413', '415', '422'] : []),
        ];
        for (const status of expected)
          if (!(status in op.responses)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every secured operation names a permission, or is an operator or provider route', () => {
    const unnamed = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => {
          const o = op as { security?: Array<Record<string, unknown>>; 'x-permission'?: string };
          const schemes = (
            o.security ??
            (spec as { security?: Array<Record<string, unknown>> }).security ??
            []
          ).flatMap((r) => Object.keys(r));
          return (
            schemes.length > 0 &&
            !schemes.includes('operatorToken') &&
            !schemes.includes('providerToken') &&
            !o['x-permission']
          );
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(unnamed).toEqual([]);
  });

  describe('every operation in the spec is served', () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await startApiHarness();
    });
    afterAll(() => h.close());

    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => [method.toUpperCase(), path] as const),
    );
    it.each(operations)('%s %s', async (method, path) => {
      const url = path.replace(/\{[^}]+\}/g, 'msg_00000000000000000000000000');
      const res = await h.http[method.toLowerCase() as 'get' | 'post'](url);
      expect(res.body.code).not.toBe('route_not_found');
      expect(res.body.code).not.toBe('method_not_allowed');
    });
  });
});
