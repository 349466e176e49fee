import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { mapHeader } from './header.js';
import { textStagingSelect, type StagedSource } from './source.js';
import { sqlIdent, sqlString, type Db } from '../store/db.js';

/** Stage a Parquet release: columns by name, every value cast to text so one validation path serves all formats. */
export async function stageParquet(db: Db, path: string): Promise<StagedSource> {
  const file = basename(path);
  let columns: { column_name: string; column_type: string }[];
  try {
    columns = await db.all(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`);
  } catch (err) {
    throw InputError.at({ file }, `not a readable Parquet file: ${(err as Error).message.split('\n')[0]}`);
  }
  const names = columns.map((c) => c.column_name);
  const header = mapHeader(names, { file });
  const types = new Map(columns.map((c) => [c.column_name, c.column_type]));
  // Dates typed as dates stay dates (no round trip through text); text dates are parsed like a CSV's.
  const dateMs = (i: number) => (/^(TIMESTAMP|DATE)/.test(types.get(names[i]) ?? '') ? `epoch_ms(${sqlIdent(names[i])}::TIMESTAMP)` : null);
  const select = [
    'NULL::VARCHAR AS sheet',
    '(file_row_number + 1)::BIGINT AS source_row',
    textStagingSelect(header, (i) => `CAST(${sqlIdent(names[i])} AS VARCHAR)`, dateMs),
  ].join(', ');
  const dateName = names[header.fields.get('apprehension_date')!];
  const dateType = types.get(dateName) ?? '';
  if (!/^(TIMESTAMP|DATE|VARCHAR)/.test(dateType)) {
    throw InputError.at({ file, column: dateName }, `the apprehension date column has type ${dateType}; a date, timestamp or text is needed`);
  }
  return {
    file,
    format: 'parquet',
    reader: 'duckdb',
    layout: header.layout,
    dataAsOf: null,
    header,
    sheets: [{ name: file, rows: -1, headerRow: 0 }],
    notes: [],
    selectSql: `SELECT ${select} FROM read_parquet(${sqlString(path)}, file_row_number = true)`,
    dictSql: null,
    cleanup: async () => undefined,
  };
}
