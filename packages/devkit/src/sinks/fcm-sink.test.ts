import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FcmSink, startFcmSink } from './fcm-sink.js';

describe('FCM sink', () => {
  let sink: FcmSink;
  beforeAll(async () => {
    sink = await startFcmSink({ projectId: 'demo-project' });
  });
  afterAll(() => sink.close());
  afterEach(() => sink.clear());

  const send = (
    message: unknown,
    headers: Record<string, string> = { authorization: 'Bearer dev' },
    project = 'demo-project',
  ) =>
    fetch(`${sink.url}/v1/projects/${project}/messages:send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ message }),
    });
  type GoogleError = {
    error: {
      code: number;
      message: string;
      status: string;
      details?: Array<{ errorCode: string }>;
    };
  };
  const json = async <T>(res: Response) => (await res.json()) as T;

  const token = 'dXNlcl90b2tlbl9mb3JfdGVzdHNfMTIzNDU2Nzg5MA';

  it('when a message is sent with a bearer token, then 200 with its name and the message kept', async () => {
    const res = await send({
      token,
      notification: { title: 'Hi', body: 'There' },
      data: { orderId: '42' },
      android: { priority: 'high' },
    });
    expect(res.status).toBe(200);
    const { name } = await json<{ name: string }>(res);
    expect(name).toMatch(/^projects\/demo-project\/messages\/0:\d+[0-9a-f]{4}%[0-9a-f]{16}$/);
    expect(sink.received).toEqual([
      {
        id: name,
        projectId: 'demo-project',
        token,
        notification: { title: 'Hi', body: 'There' },
        data: { orderId: '42' },
        android: { priority: 'high' },
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it('when the Authorization header is missing, then 401 UNAUTHENTICATED in Google error shape', async () => {
    const res = await send({ token }, {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 401, message: expect.any(String), status: 'UNAUTHENTICATED' },
    });
    expect(sink.received).toEqual([]);
  });

  it('when the sink expects a specific access token, then another one is 401', async () => {
    const strict = await startFcmSink({ projectId: 'demo-project', accessToken: 'right' });
    try {
      const url = `${strict.url}/v1/projects/demo-project/messages:send`;
      const post = (bearer: string) =>
        fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ message: { token } }),
        });
      expect((await post('wrong')).status).toBe(401);
      expect((await post('right')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('when the token contains "unregistered", then 404 UNREGISTERED exactly as FCM v1 answers', async () => {
    const res = await send({ token: 'abc-unregistered-xyz' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        status: 'NOT_FOUND',
        details: [
          {
            '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError',
            errorCode: 'UNREGISTERED',
          },
        ],
      },
    });
    expect(sink.received).toEqual([]);
  });

  it.each([
    ['the token contains "invalid"', { token: 'an-invalid-token' }],
    ['there is no token', { notification: { title: 'x' } }],
    ['a data value is not a string', { token, data: { n: 1 } }],
  ])('when %s, then 400 INVALID_ARGUMENT', async (_, message) => {
    const res = await send(message);
    expect(res.status).toBe(400);
    const body = await json<GoogleError>(res);
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.details?.[0]?.errorCode).toBe('INVALID_ARGUMENT');
  });

  it('when the path names another project, then 403 SENDER_ID_MISMATCH', async () => {
    const res = await send({ token }, undefined, 'other-project');
    expect(res.status).toBe(403);
    const body = await json<GoogleError>(res);
    expect(body.error.status).toBe('PERMISSION_DENIED');
    expect(body.error.details?.[0]?.errorCode).toBe('SENDER_ID_MISMATCH');
  });

  it('when failNext is set, then the next requests fail in FCM format with Retry-After, then it recovers', async () => {
    sink.failNext({ count: 2, status: 503, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const res = await send({ token });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('3');
      const body = await json<GoogleError>(res);
      expect(body.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
      expect(body.error.details?.[0]?.errorCode).toBe('UNAVAILABLE');
    }
    expect((await send({ token })).status).toBe(200);
    expect(sink.received).toHaveLength(1);
  });

  it('when failNext names an FCM error code, then that code is answered', async () => {
    sink.failNext({ count: 1, status: 429, errorCode: 'QUOTA_EXCEEDED' });
    const body = await json<GoogleError>(await send({ token }));
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details?.[0]?.errorCode).toBe('QUOTA_EXCEEDED');
  });

  it('when failNext hangs, then the request is never answered', async () => {
    sink.failNext({ count: 1, status: 503, hang: true });
    await expect(
      fetch(`${sink.url}/v1/projects/demo-project/messages:send`, {
        method: 'POST',
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow(/abort|timeout/i);
  });

  it('GET /__sink/messages shows what was received; DELETE empties it', async () => {
    await send({ token, data: { a: 'b' } });
    const listed = await json<{ messages: unknown[] }>(await fetch(`${sink.url}/__sink/messages`));
    expect(listed.messages).toEqual([expect.objectContaining({ token, data: { a: 'b' } })]);
    await fetch(`${sink.url}/__sink/messages`, { method: 'DELETE' });
    expect(sink.received).toEqual([]);
  });
});
