import type { components } from '../../../openapi/src/generated/types.js';

/** The wire types, generated from openapi/openapi.yaml. */
export type Schemas = components['schemas'];

/** An `application/problem+json` answer: its `detail` is what the person reads. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly param?: string,
  ) {
    super(detail);
  }
}

let csrfToken: string | null = null;

/** The session answer carries the CSRF token that every state-changing request repeats. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The console's only door to Herald: the documented HTTP API, with the session cookie (sent by
 * the browser, HttpOnly) and `X-CSRF-Token` on every change. Errors become `ApiError`.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Herald does not answer. Check that it is running.');
  }
  if (res.status === 204 || res.status === 202) {
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    const problem = data as Partial<Schemas['Problem']> | undefined;
    throw new ApiError(
      res.status,
      problem?.code ?? 'unknown',
      problem?.detail ?? `Herald answered ${res.status}.`,
      problem?.param,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

/** A query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
