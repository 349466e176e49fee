import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(process.argv[2], { memory_limit: '600MB' });
const c = await i.connect();
for (const q of process.argv.slice(3)) { const t = performance.now(); const r = await c.runAndReadAll(q); console.log(((performance.now() - t) / 1000).toFixed(3), 's', JSON.stringify(r.getRowsJS().slice(0, 3), (k, v) => typeof v === 'bigint' ? Number(v) : v).slice(0,200)); }
