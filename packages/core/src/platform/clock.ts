/** Time as a dependency, so tests can move it without waiting. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
