import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/** Pages a browser renders: the console, the operators' queue dashboard, end users' preferences. */
const DOCUMENT_PATHS =
  /^\/(console|operator\/queues|preferences|unsubscribe|privacy-request|legal)(\/|$)/;
/** The console's own files may be cached; every other answer carries someone's data. */
const CACHEABLE_PATHS = /^\/console(\/|$)/;

/** What those pages may load: their own files and nothing else, and no one may frame them. */
const documentPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Inline style is allowed, inline script is not: the console shows a customer's email HTML
  // in a sandboxed `srcdoc` frame, which inherits this policy, and email is styled inline (Bull
  // Board styles its pages inline too). The frame's sandbox runs no script at all.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // No remote images: an email preview never fires a tracking pixel from the console.
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** JSON, problem documents, metrics: nothing in them may load anything or be framed. */
const apiPolicy = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

const common = {
  // Sent only over HTTPS, below: over plain HTTP a browser ignores it, and a development
  // `http://localhost` must not be pinned to HTTPS.
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
} satisfies HelmetOptions;

/**
 * helmet's headers on every answer, the API's and the console's: a Content-Security-Policy
 * (`frame-ancestors 'none'`), `nosniff`, `Referrer-Policy: no-referrer`, and HSTS when the
 * request came over HTTPS (`req.secure`: the socket, or `X-Forwarded-Proto` from a proxy that
 * `TRUST_PROXY` trusts). Every answer outside the console's files is `Cache-Control: no-store`:
 * almost every one carries account or usage data, several carry secrets shown once (API keys,
 * webhook and signing secrets, CSRF tokens, export links), and none gains from a cache.
 */
export function securityHeaders(): RequestHandler {
  const forDocuments = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: documentPolicy },
  });
  const forApi = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: apiPolicy },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: true });
  return (req, res, next) => {
    if (!CACHEABLE_PATHS.test(req.path)) res.set('Cache-Control', 'no-store');
    const headers = DOCUMENT_PATHS.test(req.path) ? forDocuments : forApi;
    headers(req, res, (error?: unknown) => {
      if (error || !req.secure) return next(error);
      hsts(req, res, next);
    });
  };
}
