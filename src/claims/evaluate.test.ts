import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../paths.js';
import { extractClaims } from './extract/index.js';
import { readCases, score } from './evaluate.js';
import { tempDir } from '../../test/helpers/tmp.js';

/**
 * evaluate.ts is a port of the measuring scorer (test/claims/score.mjs, kept as it was given) so that the
 * bench can read figures instead of parsing text. The two must not drift: on every annotated set, with
 * today's extractor's predictions, both count the same true positives, false positives and misses per type.
 */
describe('the scorer port agrees with the measuring scorer', () => {
  const dir = repoPath('test', 'claims');
  const sets = readdirSync(dir).filter((f) => /^(?:dev|project|heldout).*\.jsonl$/.test(f));
  const tmp = tempDir('surgewatch-evaluate-');

  it.each(sets)('%s', (file) => {
    const cases = readCases(join(dir, file));
    const predictions = new Map(cases.map((c) => [c.id, extractClaims(c.text, { published: c.published ?? undefined })]));
    const predFile = join(tmp, `${file}.predictions.jsonl`);
    writeFileSync(predFile, [...predictions].map(([id, claims]) => JSON.stringify({ id, claims })).join('\n') + '\n');
    const printed = execFileSync(process.execPath, [join(dir, 'score.mjs'), join(dir, file), predFile], { encoding: 'utf8' });
    const reference = new Map<string, [number, number, number]>();
    for (const line of printed.split('\n')) {
      const m = /^(\w+)\s+\d+\s+\d+\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(line);
      if (m && m[1] !== 'type') reference.set(m[1], [Number(m[2]), Number(m[3]), Number(m[4])]);
    }
    const ours = score(cases, (c) => predictions.get(c.id)!);
    expect(reference.size).toBeGreaterThan(1);
    for (const [type, counts] of reference) {
      const mine = type === 'micro' ? ours.micro : ours.byType[type];
      expect(mine ? [mine.tp, mine.fp, mine.fn] : [0, 0, 0], type).toEqual(counts);
    }
  });
});
