import { Command } from 'commander';
import { InputError } from '../errors.js';
import { DatabaseLockedError } from '../store/db.js';
import { DEFAULT_DB } from '../paths.js';
import { registerImport } from './importCmd.js';
import { registerReleases } from './releasesCmd.js';
import { registerExport } from './exportCmd.js';
import { registerSynth } from './synthCmd.js';
import { registerServe } from './serveCmd.js';
import { registerRegistry } from './registryCmd.js';
import { registerReport } from './reportCmd.js';
import { registerClaims } from './claimsCmd.js';
import { registerCheck } from './checkCmd.js';
import { registerBrief } from './briefCmd.js';
import { registerBackup } from './backupCmd.js';

// Piped into `head` and the like: a closed stdout ends the command quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// Each verb imports its heavy modules (server, registry, claims, briefs) only when it runs: loading them all
// doubled the start-up of every command, `import` and `export` included.
const program = new Command();
program
  .name('surgewatch')
  .description('Measure immigration-enforcement surges from public data (aggregate only: never a person).')
  .option('--db <path>', 'DuckDB database file', DEFAULT_DB)
  .option('--quiet', 'no progress or summaries on stderr')
  // DuckDB spills to disk past this; it keeps a 1.1M-row import under 1 GB of memory.
  .option('--memory-limit <size>', 'DuckDB memory limit', '600MB')
  .showHelpAfterError();

registerImport(program);
registerReleases(program);
registerExport(program);
registerSynth(program);
registerServe(program);
registerRegistry(program);
registerReport(program);
registerClaims(program);
registerCheck(program);
registerBrief(program);
registerBackup(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Bad input and misuse get one clear line; anything else is a bug and keeps its stack.
  if (err instanceof InputError || err instanceof DatabaseLockedError || (err instanceof Error && !(err instanceof TypeError) && !(err instanceof RangeError))) {
    console.error(`surgewatch: ${(err as Error).message}`);
    process.exitCode = err instanceof InputError ? 2 : 1;
  } else throw err;
}
