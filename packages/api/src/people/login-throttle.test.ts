import { describe, expect, it } from 'vitest';
import { PASSWORD, tokenFrom } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

/**
 * Item 8: failed log-ins count per address and network together, so nobody locks a user out
 * from elsewhere; a far higher count per address stops guessing spread over many networks,
 * except from the networks the user has proved. Networks come from X-Forwarded-For.
 */
describe('log-in throttling by address and network', () => {
  const h = useApiHarness({
    trustProxy: 'loopback',
    loginThrottle: {
      perAddressAndSource: { points: 5, durationSeconds: 900 },
      perSource: { points: 30, durationSeconds: 3600 },
      perAddress: { points: 8, durationSeconds: 3600 },
    },
  });

  const logIn = (network: string, email: string, password: string) =>
    h.http.post('/v1/auth/login').set('X-Forwarded-For', network).send({ email, password });

  it("when someone fails as a user from their network until it is locked, then the user still logs in from the user's own", async () => {
    await h.signUp({ email: 'victim@example.com' });
    for (let i = 0; i < 5; i++)
      await logIn('198.51.100.66', 'victim@example.com', 'not the password').expect(401);
    const locked = await logIn('198.51.100.66', 'victim@example.com', PASSWORD).expect(429);
    expect(locked.body.code).toBe('login_throttled');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await logIn('192.0.2.10', 'victim@example.com', PASSWORD).expect(200);
  });

  it('when addresses of one IPv6 /64 fail, then they count as one network', async () => {
    await h.signUp({ email: 'sixer@example.com' });
    for (let i = 1; i <= 5; i++)
      await logIn(`2001:db8:1:2::${i}`, 'sixer@example.com', 'not the password').expect(401);
    await logIn('2001:db8:1:2:abcd::1', 'sixer@example.com', PASSWORD).expect(429);
    await logIn('2001:db8:1:3::1', 'sixer@example.com', PASSWORD).expect(200);
  });

  it('when failures for one address come from many networks, then past the ceiling only its known networks get in, and a password reset makes one known', async () => {
    await h.signUp({ email: 'popular@example.com' });
    await logIn('192.0.2.20', 'popular@example.com', PASSWORD).expect(200);
    for (let i = 1; i <= 8; i++)
      await logIn(`203.0.113.${i}`, 'popular@example.com', 'guess number x').expect(401);

    const stranger = await logIn('203.0.113.99', 'popular@example.com', PASSWORD).expect(429);
    expect(stranger.body.code).toBe('login_throttled');
    await logIn('192.0.2.20', 'popular@example.com', PASSWORD).expect(200);

    await logIn('192.0.2.30', 'popular@example.com', PASSWORD).expect(429);
    await h.http
      .post('/v1/auth/password-reset')
      .set('X-Forwarded-For', '192.0.2.30')
      .send({ email: 'popular@example.com' })
      .expect(202);
    const mail = (await h.systemEmails())
      .filter((m) => m.to === 'popular@example.com' && m.kind === 'password_reset')
      .at(-1)!;
    await h.http
      .post('/v1/auth/password-reset/confirm')
      .set('X-Forwarded-For', '192.0.2.30')
      .send({ token: tokenFrom(mail.text), new_password: 'a fresh passphrase' })
      .expect(204);
    await logIn('192.0.2.30', 'popular@example.com', 'a fresh passphrase').expect(200);
  });
});
