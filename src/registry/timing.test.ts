import { describe, expect, it } from 'vitest';
import { operationTiming } from './timing.js';

describe('operation timing from dates and today, never a stored word', () => {
  it('a start with no end reads "end not reported" once it has passed', () => {
    expect(operationTiming({ start: '2025-12-03' }, '2026-12-02')).toEqual({ phase: 'end not reported', text: 'began 2025-12-03, end not reported' });
  });

  it('an announced operation is announced until its start, then under way to its announced end, then unreported', () => {
    const op = { start: '2025-12-03', end: '2026-02-03', planned: true };
    expect(operationTiming(op, '2025-12-01').text).toBe('announced to begin 2025-12-03 and run to 2026-02-03');
    expect(operationTiming(op, '2025-12-20')).toEqual({ phase: 'under way', text: 'began 2025-12-03; announced to run to 2026-02-03' });
    expect(operationTiming(op, '2026-12-02').text).toBe('began 2025-12-03; announced to run to 2026-02-03, end not reported');
  });

  it('a reported end makes it ended after that day', () => {
    expect(operationTiming({ start: '2025-09-08', end: '2025-09-19' }, '2025-09-19').phase).toBe('under way');
    expect(operationTiming({ start: '2025-09-08', end: '2025-09-19' }, '2025-09-20')).toEqual({ phase: 'ended', text: 'ran 2025-09-08 to 2025-09-19' });
  });

  it('says when a start moved', () => {
    expect(operationTiming({ start: '2025-02-05', planned_start: '2025-01-30' }, '2025-03-01').text).toBe('planned for 2025-01-30, began 2025-02-05, end not reported');
  });
});
