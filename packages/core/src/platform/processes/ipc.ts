import cluster, { type Worker } from 'node:cluster';

/**
 * A question or its answer between a primary and its children, on the cluster's IPC channel.
 * `kind` tells them apart: an `undefined` answer does not survive the channel's serialisation.
 */
type Message = { herald: string; kind: 'question' | 'answer'; id: number; answer?: unknown };

/** Questions this process asked and is waiting on, by id; one listener settles them all. */
const waiting = new Map<number, (answer: unknown) => void>();
let nextId = 0;
let listening = false;

function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' && value !== null && typeof (value as Message).herald === 'string'
  );
}

function settle(message: unknown): void {
  if (isMessage(message) && message.kind === 'answer') waiting.get(message.id)?.(message.answer);
}

function listenForAnswers(): void {
  if (listening) return;
  listening = true;
  if (cluster.isPrimary) cluster.on('message', (_child, message) => settle(message));
  else process.on('message', settle);
}

/** Sends one question; `undefined` when no answer came within `timeoutMs`. */
function ask<T>(topic: string, timeoutMs: number, child?: Worker): Promise<T | undefined> {
  listenForAnswers();
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (answer: unknown) => {
      clearTimeout(timer);
      waiting.delete(id);
      resolve(answer as T | undefined);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    waiting.set(id, done);
    const question: Message = { herald: topic, kind: 'question', id };
    if (child) child.send(question);
    else process.send?.(question);
  });
}

/**
 * In the primary: asks every live child about `topic`. A child that does not answer within
 * `timeoutMs` (stuck, dying) is an `undefined` in the answers, one per child.
 */
export function askChildren<T>(topic: string, timeoutMs = 2500): Promise<Array<T | undefined>> {
  const children = (Object.values(cluster.workers ?? {}) as Worker[]).filter((child) =>
    child.isConnected(),
  );
  return Promise.all(children.map((child) => ask<T>(topic, timeoutMs, child)));
}

/** In a child: asks the primary about `topic` (what it answers for every child). */
export function askPrimary<T>(topic: string, timeoutMs = 6000): Promise<T | undefined> {
  return ask<T>(topic, timeoutMs);
}

/** In a child: answers the primary's questions about `topic`. */
export function answerPrimary(topic: string, answer: () => Promise<unknown>): void {
  process.on('message', (message: unknown) => {
    if (!isMessage(message) || message.herald !== topic || message.kind !== 'question') return;
    const reply = (value: unknown) =>
      process.send?.({ herald: topic, kind: 'answer', id: message.id, answer: value });
    void answer().then(reply, () => reply(undefined));
  });
}

/** In the primary: answers every child's questions about `topic`. */
export function answerChildren(topic: string, answer: () => Promise<unknown>): void {
  cluster.on('message', (child, message: unknown) => {
    if (!isMessage(message) || message.herald !== topic || message.kind !== 'question') return;
    const reply = (value: unknown) =>
      child.isConnected() &&
      child.send({ herald: topic, kind: 'answer', id: message.id, answer: value });
    void answer().then(reply, () => reply(undefined));
  });
}
