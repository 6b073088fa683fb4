/**
 * The BullMQ prefix of one queue: Herald's prefix and the queue's own hash tag, so every key of
 * a queue shares one Redis Cluster slot (BullMQ's scripts touch several at once) and different
 * queues land on different masters (ADR 26). On a single Redis the tag changes nothing.
 */
export function bullPrefix(prefix: string, queueName: string): string {
  return `${prefix}:{${queueName}}`;
}
