/**
 * The few things the SDK needs from its runtime, found the same way on Node 18+, Bun, Deno and
 * edge runtimes (no Node import at the top level, so bundlers for the edge see none).
 */

type ProcessLike = { env?: Record<string, string | undefined> };

/** An environment variable where there is an environment (Node, Bun, Deno); else undefined. */
export function env(name: string): string | undefined {
  const process = (globalThis as { process?: ProcessLike }).process;
  return process?.env?.[name];
}

/** Web Crypto's type, from the DOM library or @types/node, whichever the compiler has. */
type WebCrypto = typeof globalThis.crypto;

let cached: Promise<WebCrypto> | undefined;

/**
 * Web Crypto: a global everywhere except Node 18, where it is `node:crypto`'s `webcrypto`. The
 * specifier sits in a variable so edge bundlers do not try to resolve a module never loaded there.
 */
export function webCrypto(): Promise<WebCrypto> {
  const global = (globalThis as { crypto?: WebCrypto }).crypto;
  if (global?.subtle) return Promise.resolve(global);
  const specifier = 'node:crypto';
  cached ??= import(/* webpackIgnore: true */ specifier).then(
    (module: { webcrypto: WebCrypto }) => module.webcrypto,
  );
  return cached;
}
