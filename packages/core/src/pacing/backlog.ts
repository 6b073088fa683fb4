/**
 * What waits on a cap, as the API shows it: about how many segments or messages (the time left
 * at the cap's rate), named by `unit`, and when the last of them goes out (null when nothing
 * waits).
 */
export function backlogOf<Unit extends string>(
  unit: Unit,
  backlogMs: number,
  perSecond: number | null,
): Record<Unit, number> & { clears_at: string | null } {
  const count = perSecond === null ? 0 : Math.round((backlogMs / 1000) * perSecond);
  return {
    [unit]: count,
    clears_at: backlogMs > 0 ? new Date(Date.now() + backlogMs).toISOString() : null,
  } as Record<Unit, number> & { clears_at: string | null };
}
