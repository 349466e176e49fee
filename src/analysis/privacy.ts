/**
 * Small-cell suppression for public output: a count under the threshold (default 10) is shown as "<10",
 * so that no published cell can single out a few people. Every public view passes its tables through here.
 */
export const DEFAULT_SUPPRESSION = 10;

export type Suppressed = number | string | null;

export function suppressCount(n: number | null, threshold = DEFAULT_SUPPRESSION): Suppressed {
  if (n === null) return null;
  return n > 0 && n < threshold ? `<${threshold}` : n;
}

/** Suppress the named count columns of every row; derived shares of a suppressed cell are withheld too. */
export function suppressRows<T extends Record<string, unknown>>(rows: T[], countColumns: string[], opts: { threshold?: number; dependent?: Record<string, string> } = {}): T[] {
  const threshold = opts.threshold ?? DEFAULT_SUPPRESSION;
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const c of countColumns) {
      const v = row[c];
      if (typeof v === 'number' && v > 0 && v < threshold) {
        out[c] = `<${threshold}`;
        for (const [dep, base] of Object.entries(opts.dependent ?? {})) if (base === c) out[dep] = null;
      }
    }
    return out as T;
  });
}
