import type { components, paths } from '@herald/openapi/types';
import createClient from 'openapi-fetch';

/** The wire types, generated from openapi/openapi.yaml (the one generated file). */
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
let sessionEnded: () => void = () => {};

/** The session answer carries the CSRF token that every state-changing request repeats. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an answer says the session is over (expired, or ended elsewhere). */
export function onSessionEnded(listener: () => void): void {
  sessionEnded = listener;
}

/**
 * The console's only door to Herald: the documented HTTP API, typed by the spec's `paths`, so
 * each call's path, parameters, body and answer are checked against openapi.yaml. The browser
 * sends the session cookie (HttpOnly); every change repeats the CSRF token.
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
});
api.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of an answer, or its problem document as an `ApiError` — what react-query and
 * `useAction` expect of a call. A lost session (`401 session_required`) also tells the session,
 * which sends the person to log in; other 401s (a wrong password) are the page's to show.
 */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, 'network_error', 'Herald does not answer. Check that it is running.');
  }
  const { response } = answer;
  if (response.ok) return answer.data as T;
  const problem = answer.error as Partial<Schemas['Problem']> | undefined;
  const error = new ApiError(
    response.status,
    problem?.code ?? 'unknown',
    problem?.detail ?? `Herald answered ${response.status}.`,
    problem?.param,
  );
  if (error.code === 'session_required') sessionEnded();
  throw error;
}
