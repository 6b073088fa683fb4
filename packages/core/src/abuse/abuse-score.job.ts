/**
 * The abuse scorer's contract: a repeatable job (a BullMQ job scheduler in the worker, every
 * `ABUSE_SCORING_INTERVAL_MS`) that scores every account that sent in the window and suspends
 * those that reach the threshold. It carries no payload: the window ends when it runs.
 */
export const ABUSE_QUEUE_NAME = 'abuse';
export const ABUSE_SCORE_JOB_NAME = 'abuse.score.v1';
export const ABUSE_SCORE_SCHEDULER_ID = 'abuse-score';
