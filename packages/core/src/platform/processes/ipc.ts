import cluster, { type Worker } from 'node:cluster';

/** A question and its answer between a primary and its children, on the cluster's IPC channel. */
type Message = { herald: string; id: number; answer?: unknown };

let nextId = 0;

function isMessage(topic: string, value: unknown): value is Message {
  return typeof value === 'object' && value !== null && (value as Message).herald === topic;
}

/**
 * In the primary: asks every live child about `topic`. A child that does not answer within
 * `timeoutMs` (starting, stuck, dying) is an `undefined` in the answers, one per child.
 */
export function askChildren<T>(topic: string, timeoutMs = 2500): Promise<Array<T | undefined>> {
  const children = (Object.values(cluster.workers ?? {}) as Worker[]).filter((c) =>
    c.isConnected(),
  );
  return Promise.all(children.map((child) => ask<T>(topic, timeoutMs, child)));
}

/** In a child: asks the primary about `topic` (what it answers for every child). */
export function askPrimary<T>(topic: string, timeoutMs = 6000): Promise<T | undefined> {
  return ask<T>(topic, timeoutMs);
}

function ask<T>(topic: string, timeoutMs: number, child?: Worker): Promise<T | undefined> {
  const id = nextId++;
  const channel = child ?? process;
  return new Promise((resolve) => {
    const done = (answer: T | undefined) => {
      clearTimeout(timer);
      channel.off('message', listen);
      resolve(answer);
    };
    const listen = (message: unknown) => {
      if (isMessage(topic, message) && message.id === id && 'answer' in message)
        done(message.answer as T);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    channel.on('message', listen);
    const sent = { herald: topic, id } satisfies Message;
    if (child) child.send(sent);
    else process.send?.(sent);
  });
}

/** In a child: answers the primary's questions about `topic`. */
export function answerPrimary(topic: string, answer: () => Promise<unknown>): void {
  process.on('message', (message: unknown) => {
    if (!isMessage(topic, message) || 'answer' in message) return;
    void answer().then(
      (value) => process.send?.({ herald: topic, id: message.id, answer: value }),
      () => process.send?.({ herald: topic, id: message.id, answer: undefined }),
    );
  });
}

/** In the primary: answers every child's questions about `topic`. */
export function answerChildren(topic: string, answer: () => Promise<unknown>): void {
  cluster.on('message', (child, message: unknown) => {
    if (!isMessage(topic, message) || 'answer' in message) return;
    const reply = (value: unknown) =>
      child.isConnected() && child.send({ herald: topic, id: message.id, answer: value });
    void answer().then(reply, () => reply(undefined));
  });
}
