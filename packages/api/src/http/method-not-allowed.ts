import { HeraldError } from '@herald/core';
import type { OpenApiDocument } from '@herald/openapi';
import type { RequestHandler } from 'express';

/** For a path the spec knows but a method it does not: 405 with an `Allow` header. */
export function methodNotAllowed(spec: OpenApiDocument): RequestHandler {
  const routes = Object.entries(spec.paths).map(([path, item]) => ({
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(item).map((m) => m.toUpperCase()),
  }));
  return (req, res, next) => {
    const route = routes.find((r) => r.pattern.test(req.path));
    if (!route) return next();
    res.set('Allow', route.methods.join(', '));
    throw new HeraldError('method_not_allowed');
  };
}
