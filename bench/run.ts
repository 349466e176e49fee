/** `npm run bench`: every benchmark, each printing its figures beside its named baseline from the same run. */
import { benchImport } from './import.js';
import { benchAnalysis } from './analysis.js';
import { benchClaims } from './claims.js';
import { benchCompare } from './compare.js';
import { benchApi, benchSoak } from './load.js';
import { benchPage } from './page.js';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
// --rows N (or N,M,… for the import bench: each size timed, and the memory curve up to the largest).
const sizes = rowsArg >= 0 ? args[rowsArg + 1].split(',').map(Number) : [1_100_000];
const rows = Math.max(...sizes);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

if (!only || only === 'claims') benchClaims();
if (!only || only === 'compare') benchCompare();
if (!only || only === 'import') await benchImport(sizes);
if (!only || only === 'analysis') await benchAnalysis(rowsArg >= 0 ? rows : 3_000_000);
if (!only || only === 'api') await benchApi(rowsArg >= 0 ? rows : 3_000_000);
if (!only || only === 'page') await benchPage();
// The soak runs only when asked for: ten minutes at 200 requests/s (`npm run bench -- --only soak [--seconds N]`).
if (only === 'soak') await benchSoak(args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 600);
