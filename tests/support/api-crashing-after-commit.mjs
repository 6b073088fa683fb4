// The API, made to die between a send's commit and its enqueue: the proof of ADR 2 (accepted
// means durable). Production code knows nothing of it. This entry script SIGKILLs the process
// (no cleanup, like a power cut) the moment anything is added to a dispatch queue, which the send
// path does only once the message is committed; then it runs the API's own main.
import { dispatchQueueNames } from '@herald/core';
import { Queue } from 'bullmq';

const dispatchQueues = new Set(Object.values(dispatchQueueNames));
for (const method of ['add', 'addBulk']) {
  const enqueue = Queue.prototype[method];
  Queue.prototype[method] = function (...args) {
    if (dispatchQueues.has(this.name)) process.kill(process.pid, 'SIGKILL');
    return enqueue.apply(this, args);
  };
}

await import('../../packages/api/dist/main.js');
