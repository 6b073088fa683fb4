import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type Test from 'supertest/lib/test.js';

export const PASSWORD = 'correct horse battery staple';

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  organization_name: string;
  accept_terms: boolean;
  age_confirmed: boolean;
};

/** A logged-in browser: its session cookie, and the CSRF token it sends on changes. */
export type SessionClient = {
  email: string;
  userId: string;
  accountId: string;
  cookie: string;
  csrfToken: string;
  invitationId?: string;
  /** A request with the cookie (and the CSRF token on state-changing methods). */
  send(method: 'get' | 'post' | 'patch' | 'delete' | 'put', url: string): Test;
};

/** The cookie from Set-Cookie, sent back by hand: superagent's jar drops `Secure` cookies over http. */
export function sessionFrom(
  http: TestAgent,
  res: Response,
  email: string,
  invitationId?: string,
): SessionClient {
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]!).find((c) => c.includes('herald_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  const client: SessionClient = {
    email,
    userId: res.body.user.id,
    accountId: res.body.account.id,
    cookie,
    csrfToken: res.body.csrf_token,
    invitationId,
    send: (method, url) => {
      const test = http[method](url).set('Cookie', client.cookie);
      return method === 'get' ? test : test.set('X-CSRF-Token', client.csrfToken);
    },
  };
  return client;
}

/** Signs up (which logs no one in), then logs in with the same address and password. */
export async function signUp(
  http: TestAgent,
  input: Partial<SignUpInput> = {},
): Promise<SessionClient> {
  const body: SignUpInput = {
    name: 'Ada Lovelace',
    email: `owner-${Math.random().toString(36).slice(2)}@example.com`,
    password: PASSWORD,
    organization_name: 'Analytical Engines Ltd',
    accept_terms: true,
    age_confirmed: true,
    ...input,
  };
  await http.post('/v1/auth/signup').send(body).expect(202);
  const res = await http
    .post('/v1/auth/login')
    .send({ email: body.email, password: body.password })
    .expect(200);
  return sessionFrom(http, res, body.email);
}

/** The token of the first console link in an email. */
export function tokenFrom(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token link in: ${text}`);
  return match[1]!;
}
