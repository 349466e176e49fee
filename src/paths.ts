import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the first folder above this module that holds package.json (works from src/ and dist/src/). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`surgewatch: cannot find the package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const ROOT = findRoot();
export const repoPath = (...parts: string[]): string => join(ROOT, ...parts);
/** Vocabulary JSON lives beside the TypeScript source; dist/ does not copy it. */
export const vocabPath = (name: string): string => join(ROOT, 'src', 'vocab', name);
export const DEFAULT_DB = join('data', 'surgewatch.duckdb');
