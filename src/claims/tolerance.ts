/**
 * How far a figure may be from a stated number and still be what the words said. Written down once, used
 * by every verdict, and shown with each one.
 */
export interface Tolerance {
  low: number;
  high: number;
  rule: string;
}

/** "nearly half" means 0.40-0.50; "half" alone 0.45-0.55. */
const SHARE_RULES: Record<string, (v: number) => [number, number]> = {
  nearly: (v) => [v - 0.1, v],
  'more than': (v) => [v, Math.min(1, v + 0.15)],
  'at least': (v) => [v, 1],
  'fewer than': (v) => [Math.max(0, v - 0.15), v],
  about: (v) => [v - 0.05, v + 0.05],
  'up to': (v) => [0, v],
};

const COUNT_RULES: Record<string, (v: number) => [number, number]> = {
  nearly: (v) => [v * 0.9, v],
  'more than': (v) => [v, v * 1.5],
  'at least': (v) => [v, Infinity],
  'fewer than': (v) => [v * 0.5, v],
  about: (v) => [v * 0.9, v * 1.1],
  'up to': (v) => [0, v],
};

/** A count stated plainly ("1,200 arrested") is a rounded report: within 5%. */
export const PLAIN_COUNT = 0.05;
export const PLAIN_SHARE = 0.05;

export function toleranceFor(value: number, qualifier: string | undefined, kind: 'count' | 'share'): Tolerance {
  const rules = kind === 'share' ? SHARE_RULES : COUNT_RULES;
  const rule = qualifier ? rules[qualifier] : undefined;
  if (rule) {
    const [low, high] = rule(value);
    return { low, high, rule: `"${qualifier} ${kind === 'share' ? `${Math.round(value * 100)}%` : value}" = ${fmt(low, kind)} to ${fmt(high, kind)}` };
  }
  const slack = kind === 'share' ? PLAIN_SHARE : value * PLAIN_COUNT;
  return { low: value - slack, high: value + slack, rule: `"${kind === 'share' ? `${Math.round(value * 100)}%` : value}" stated plainly = ${fmt(value - slack, kind)} to ${fmt(value + slack, kind)}` };
}

const fmt = (x: number, kind: 'count' | 'share') => (x === Infinity ? 'any higher' : kind === 'share' ? `${(x * 100).toFixed(0)}%` : Math.round(x).toLocaleString('en-US'));

export const within = (x: number, t: Tolerance): boolean => x >= t.low - 1e-9 && x <= t.high + 1e-9;
