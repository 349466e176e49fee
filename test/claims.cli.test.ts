import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';

const CLI = repoPath('bin', 'surgewatch.js');
const dir = tempDir();

describe('surgewatch claims extract', () => {
  it('extracts the seed article as JSON', () => {
    const out = execFileSync('node', [CLI, 'claims', 'extract', repoPath('data', 'examples', '001_81c1334d78311650.txt'), '--published', '2025-01-29', '--json'], { encoding: 'utf8' });
    const { claims } = JSON.parse(out);
    expect(claims.find((c: { type: string }) => c.type === 'goal')).toMatchObject({ low: 1200, high: 1500 });
  });

  it('runs a batch in input order, one output line per input line', () => {
    const input = join(dir, 'in.jsonl');
    writeFileSync(
      input,
      [
        { id: 'b', text: 'ICE arrested 956 people on Sunday.', published: '2025-01-29' },
        { id: 'a', text: 'Nothing to see here.' },
        { id: 'c', text: 'The goal is 3,000 arrests a day.', published: '2025-05-29' },
      ].map((l) => JSON.stringify(l)).join('\n') + '\n',
    );
    const lines = execFileSync('node', [CLI, 'claims', 'extract', '--jsonl', input], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['b', 'a', 'c']);
    expect(lines[0].claims[0]).toMatchObject({ type: 'arrest_count', value: 956, date: '2025-01-26' });
    expect(lines[1].claims).toEqual([]);
    expect(lines[2].claims[0]).toMatchObject({ type: 'goal', value: 3000, unit: 'per_day' });
  });

  it('refuses a binary file clearly', () => {
    const bin = join(dir, 'x.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255]));
    let message = '';
    try {
      execFileSync('node', [CLI, 'claims', 'extract', bin], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      message = String((err as { stderr: string }).stderr);
    }
    expect(message).toMatch(/binary file, not text/);
  });
});
