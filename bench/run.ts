/** `npm run bench`: every benchmark, each printing its figures beside its named baseline from the same run. */
import { benchImport } from './import.js';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_100_000;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

if (!only || only === 'import') await benchImport(rows);
