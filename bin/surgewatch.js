#!/usr/bin/env node
// The built CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('surgewatch: not built yet. Run `npm install` (or `npm run build`) in the repository first.');
  process.exit(1);
}
await import(entry.href);
