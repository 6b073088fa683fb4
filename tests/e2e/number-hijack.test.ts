import type { TestAccount } from '@herald/api/testing';
import { dispatchQueueNames } from '@herald/core';
import { eventually } from '@herald/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform, waitForStatus } from '../support/platform.harness.js';

const NUMBER = '+15005550030';
const ALICE = '+14155550131';
const BOB = '+14155550132';
const CAROL = '+14155550133';

/**
 * The number hijack of issue 12, through the HTTP API with real workers and the local Twilio
 * server: organisation B tries to take the number A sends from, and A's end users answer STOP.
 * Before ADR 15, B's registration won (first come, first served), A's users' STOPs landed in
 * B's list while A kept texting them, and B could send `from` A's number.
 */
describe('a number belongs to one organisation, and its opt-outs to the number', () => {
  let p: Platform;
  let a: TestAccount;
  let b: TestAccount;
  beforeAll(async () => {
    p = await startPlatform({ callbacks: true, channels: ['sms'] });
    a = await p.api.newAccount('Organisation A');
    b = await p.api.newAccount('Organisation B');
  });
  afterAll(async () => {
    expect(p.api.violations).toEqual([]);
    await p.close();
  });

  const claim = (who: TestAccount) =>
    p.api.http.post('/v1/phone-numbers').set(who.auth).send({ number: NUMBER });
  const send = (who: TestAccount, to: string, body = 'Your order shipped') =>
    p.api.http.post('/v1/messages').set(who.auth).send({ channel: 'sms', from: NUMBER, to, body });
  const stop = (from: string) => p.sinks.twilio.sendInbound({ from, to: NUMBER, body: 'STOP' });
  const suppressed = async (who: TestAccount) => {
    const res = await p.api.http.get('/v1/suppressions').set(who.auth).expect(200);
    return res.body.data.map((s: { identifier_masked: string }) => s.identifier_masked);
  };
  const inbound = async (who: TestAccount) => {
    const res = await p.api.http.get('/v1/messages').query({ to: NUMBER }).set(who.auth);
    return res.body.data.filter((m: { direction: string }) => m.direction === 'inbound');
  };

  it('B claims the number first, but A proves control with the code texted to it; then B can neither verify, claim nor send from it', async () => {
    const early = await claim(b).expect(201);
    expect(early.body.status).toBe('pending_verification');
    const claimed = await claim(a).expect(201);
    // The worker texts the code through the SMS provider: the local Twilio server got it.
    const code = await eventually(
      () => {
        const texts = p.sinks.twilio.received.filter((m) => m.to === NUMBER);
        return texts.length === 2 && /\b(\d{6})\b/.exec(texts[1]!.body)?.[1];
      },
      { what: 'the verification codes at the Twilio server' },
    );
    await p.api.http
      .post(`/v1/phone-numbers/${claimed.body.id}/verify`)
      .set(a.auth)
      .send({ code })
      .expect(200);

    const late = await p.api.http
      .post(`/v1/phone-numbers/${early.body.id}/verify`)
      .set(b.auth)
      .send({ code })
      .expect(409);
    expect(late.body.code).toBe('phone_number_taken');
    expect((await claim(b).expect(409)).body.code).toBe('phone_number_taken');
    const hijack = await send(b, ALICE, 'B pretends to be A').expect(422);
    expect(hijack.body).toMatchObject({ code: 'sender_not_owned', param: 'from' });
    expect(p.sinks.twilio.received.some((m) => m.body === 'B pretends to be A')).toBe(false);
  });

  it('A texts Alice from the number; Alice’s STOP goes to A only: A may no longer text her, B never sees it', async () => {
    const sent = await send(a, ALICE).expect(202);
    await waitForStatus(p, a.auth, sent.body.id, 'delivered');
    expect((await stop(ALICE)).status).toBe(200);

    expect(await suppressed(a)).toEqual(['+1415•••0131']);
    expect(await suppressed(b)).toEqual([]);
    expect(await inbound(a)).toHaveLength(1);
    expect(await inbound(b)).toEqual([]);
    expect((await send(a, ALICE).expect(422)).body.code).toBe('recipient_suppressed');
  });

  it('when the number moves from A to B, then every STOP given to the number holds for B, and a STOP to B reaches A, who texted that person from it too', async () => {
    const toBob = await send(a, BOB, 'A says hello to Bob').expect(202);
    await waitForStatus(p, a.auth, toBob.body.id, 'delivered');

    await p.api.assignNumber(b, NUMBER);
    const before = p.sinks.twilio.received.length;
    // Alice told the number STOP while A held it: B, its new holder, may not text her either.
    const inherited = await send(b, ALICE, 'B texts Alice').expect(422);
    expect(inherited.body).toMatchObject({ code: 'recipient_suppressed', param: 'to' });
    expect((await send(a, CAROL).expect(422)).body.code).toBe('sender_not_owned');

    // Bob answers STOP after the move: B holds the number now, and A sent him from it before.
    expect((await stop(BOB)).status).toBe(200);
    expect(await suppressed(b)).toEqual(['+1415•••0132']);
    expect(await suppressed(a)).toEqual(expect.arrayContaining(['+1415•••0131', '+1415•••0132']));
    expect((await send(b, BOB).expect(422)).body.code).toBe('recipient_suppressed');
    expect(p.sinks.twilio.received.length).toBe(before);

    // Carol never said STOP: B may text her from its number.
    const toCarol = await send(b, CAROL, 'B says hello to Carol').expect(202);
    await waitForStatus(p, b.auth, toCarol.body.id, 'delivered');
  });

  it('START given to the number lifts its opt-out for the holder; the earlier holder keeps its entry', async () => {
    await p.sinks.twilio.sendInbound({ from: ALICE, to: NUMBER, body: 'START' });
    const res = await send(b, ALICE, 'B welcomes Alice back').expect(202);
    await waitForStatus(p, b.auth, res.body.id, 'delivered');
    expect(await suppressed(a)).toContain('+1415•••0131');
  });

  it('a message accepted just before its number moved away is not sent from it: it fails with sender_not_owned', async () => {
    const dispatch = p.workers.workers.find((w) => w.name === dispatchQueueNames.sms)!;
    await dispatch.pause();
    let id: string;
    try {
      id = (await send(b, CAROL, 'B, just before the move').expect(202)).body.id;
      await p.api.assignNumber(a, NUMBER);
    } finally {
      dispatch.resume();
    }
    const failed = await waitForStatus(p, b.auth, id, 'failed');
    expect(failed.error_code).toBe('sender_not_owned');
    expect(p.sinks.twilio.received.some((m) => m.body === 'B, just before the move')).toBe(false);
  });

  it('the logs carry neither the code nor an end user’s number', () => {
    const logs = [...p.api.logs, ...p.workerLogs].join('\n');
    const codes = p.sinks.twilio.received
      .filter((m) => m.to === NUMBER)
      .map((m) => /\b(\d{6})\b/.exec(m.body)![1]!);
    expect(codes).toHaveLength(2);
    for (const code of codes) expect(logs).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
    for (const needle of [ALICE, BOB, CAROL, ALICE.slice(1), BOB.slice(1)])
      expect(logs).not.toContain(needle);
  });
});
