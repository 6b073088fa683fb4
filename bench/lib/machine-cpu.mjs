// The whole machine's busy CPU time so far, in milliseconds (every process and the kernel, all
// cores: /proc/stat's user, nice, system, irq, softirq and steal). Read at two points of a drain
// and divided by the messages between them, it is what a message costs the machine, whoever
// pays it: the worker, PostgreSQL, Redis, the provider's server. Null off Linux.
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux.

export function machineBusyMs() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return null;
  }
}
