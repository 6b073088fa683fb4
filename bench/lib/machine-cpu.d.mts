/** The whole machine's busy CPU time so far, in milliseconds; null off Linux. */
export function machineBusyMs(): number | null;
