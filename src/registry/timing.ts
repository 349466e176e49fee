/**
 * When an operation ran, said from its recorded dates and today's date. A stored word ("planned",
 * "under way") goes stale the day after it was written; the dates do not.
 */
export interface OperationDates {
  start: string;
  end?: string;
  planned_start?: string;
  /** The dates are as announced, not as later reported. */
  planned?: boolean;
}

export type OperationPhase = 'announced' | 'under way' | 'ended' | 'end not reported';

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export function operationTiming(op: OperationDates, today = todayUtc()): { phase: OperationPhase; text: string } {
  const moved = op.planned_start && op.planned_start !== op.start ? `planned for ${op.planned_start}, ` : '';
  if (op.start > today) {
    return { phase: 'announced', text: `${moved}announced to begin ${op.start}${op.end ? ` and run to ${op.end}` : ''}` };
  }
  const began = `${moved}began ${op.start}`;
  if (!op.end) return { phase: 'end not reported', text: `${began}, end not reported` };
  if (op.planned) {
    return op.end >= today
      ? { phase: 'under way', text: `${began}; announced to run to ${op.end}` }
      : { phase: 'end not reported', text: `${began}; announced to run to ${op.end}, end not reported` };
  }
  return op.end >= today ? { phase: 'under way', text: `${began}; reported to end ${op.end}` } : { phase: 'ended', text: `${moved}ran ${op.start} to ${op.end}` };
}
