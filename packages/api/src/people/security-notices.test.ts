import type { SystemEmail } from '@herald/core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../testing/session-client.js';
import { useApiHarness } from '../testing/use-api-harness.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Safari/604.1';

/**
 * Issue 17, item 6: security notices. A password change, a sign-in from a device or network the
 * user had not used, a new API key and a closing are each emailed to whom they concern, with no
 * secret and no full IP address in them.
 */
describe('security notices', () => {
  const h = useApiHarness({ trustProxy: 'loopback' });
  const noticesTo = async (to: string): Promise<SystemEmail[]> =>
    (await h.systemEmails()).filter((m) => m.to === to && m.kind === 'security_notice');
  const logIn = (email: string, userAgent: string, network: string) =>
    h.http
      .post('/v1/auth/login')
      .set({ 'User-Agent': userAgent, 'X-Forwarded-For': network })
      .send({ email, password: PASSWORD })
      .expect(200);

  it('a sign-in from a new device or network is told to the user; a familiar one is not', async () => {
    const owner = await h.signUp();
    await logIn(owner.email, FIREFOX, '198.51.100.7');
    const before = (await noticesTo(owner.email)).length;
    await logIn(owner.email, FIREFOX, '198.51.100.9'); // the same device, the same /24
    expect(await noticesTo(owner.email)).toHaveLength(before);
    await logIn(owner.email, SAFARI, '203.0.113.20');
    const notices = await noticesTo(owner.email);
    expect(notices).toHaveLength(before + 1);
    const notice = notices.at(-1)!;
    expect(notice.subject).toBe('New sign-in to your Herald user');
    expect(notice.text).toContain('Safari on iPhone');
    expect(notice.text).toContain('203.0.113.x');
    expect(notice.text).not.toContain('203.0.113.20');
  });

  it('a password change is told to the user', async () => {
    const user = await h.signUp();
    await user
      .send('post', '/v1/auth/password')
      .send({ current_password: PASSWORD, new_password: 'another long passphrase 42' })
      .expect(200);
    const notice = (await noticesTo(user.email)).find((m) => m.subject.includes('password'));
    expect(notice?.text).toContain('was changed');
    expect(notice?.text).not.toContain('another long passphrase 42');
  });

  it('a new API key is told to every owner, naming who made it but not its secret', async () => {
    const owner = await h.signUp();
    const developer = await h.addMember(owner, 'developer');
    const created = await developer
      .send('post', '/v1/api-keys')
      .send({ name: 'CI deploys', scope: 'send_only' })
      .expect(201);
    const notice = (await noticesTo(owner.email)).find((m) =>
      m.subject.startsWith('A new API key'),
    );
    expect(notice?.text).toContain('CI deploys');
    expect(notice?.text).toContain(created.body.id);
    expect(notice?.text).toContain('A developer');
    expect(notice?.text).not.toContain(created.body.secret);
    expect(await noticesTo(developer.email)).toHaveLength(0);
  });

  it('a closing is told to every owner with the day everything is deleted', async () => {
    const owner = await h.signUp({ organization_name: 'Closing Ltd' });
    const closed = await owner
      .send('delete', '/v1/account')
      .send({ confirm: 'Closing Ltd' })
      .expect(202);
    const notice = (await noticesTo(owner.email)).find((m) => m.subject.includes('is closing'));
    expect(notice?.text).toContain(String(closed.body.purge_at).slice(0, 10));
  });
});
