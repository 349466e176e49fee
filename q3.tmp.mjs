const { Db } = await import('/work/main/dist/src/store/db.js');
const { createLookupTypes } = await import('/work/main/dist/src/store/releaseTable.js');
const db = await Db.open(process.argv[2], { memoryLimit: '600MB', skipMigrations: true });
await createLookupTypes(db);
for (const q of process.argv.slice(3)) { const t = performance.now(); const r = await db.all(q); console.log(((performance.now() - t) / 1000).toFixed(3), 's', JSON.stringify(r.slice(0, 12), (k, v) => typeof v === 'bigint' ? Number(v) : v).slice(0, 1500)); }
