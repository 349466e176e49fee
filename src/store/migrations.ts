import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/**
 * Numbered migrations: the only DDL in the code base. Each runs once, in order, in a transaction, and is
 * recorded in schema_migrations. Never edit a released migration; add the next one.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'releases, arrests, import issues',
    sql: `
      CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
      CREATE TABLE releases (
        id INTEGER PRIMARY KEY,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL UNIQUE,
        bytes BIGINT NOT NULL,
        format VARCHAR NOT NULL,
        layout VARCHAR NOT NULL,
        data_as_of DATE,
        imported_at TIMESTAMP NOT NULL,
        sheets INTEGER NOT NULL,
        rows BIGINT NOT NULL,
        rows_rejected BIGINT NOT NULL,
        first_date DATE,
        last_date DATE,
        report JSON NOT NULL
      );
      CREATE TABLE arrests (
        release_id INTEGER NOT NULL,
        sheet VARCHAR,
        source_row BIGINT NOT NULL,
        apprehension_date DATE NOT NULL,
        apprehension_ts TIMESTAMP NOT NULL,
        state VARCHAR,
        county VARCHAR,
        aor_code VARCHAR,
        aor_name VARCHAR,
        aor_raw VARCHAR,
        criminality VARCHAR,
        criminality_raw VARCHAR,
        method VARCHAR,
        method_class VARCHAR,
        program VARCHAR,
        program_group VARCHAR,
        case_status VARCHAR,
        case_category VARCHAR,
        citizenship_country VARCHAR,
        gender VARCHAR,
        departed_date DATE,
        departure_country VARCHAR,
        final_order BOOLEAN,
        final_order_date DATE,
        apprehension_type VARCHAR,
        arresting_agency VARCHAR,
        operation VARCHAR,
        case_criminality VARCHAR,
        case_threat_level VARCHAR,
        toa_aor_code VARCHAR,
        toa_aor_raw VARCHAR,
        person_hash UBIGINT,
        is_duplicate BOOLEAN NOT NULL
      );
      CREATE TABLE import_issues (
        release_id INTEGER NOT NULL,
        sheet VARCHAR,
        source_row BIGINT,
        column_name VARCHAR,
        problem VARCHAR NOT NULL,
        raw_value VARCHAR
      );
    `,
  },
  {
    version: 2,
    name: 'registry and detention statistics',
    sql: `
      CREATE TABLE sources (
        id VARCHAR PRIMARY KEY, outlet VARCHAR NOT NULL, url VARCHAR NOT NULL, title VARCHAR,
        published DATE, author VARCHAR, kind VARCHAR NOT NULL
      );
      CREATE TABLE records (
        id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, title VARCHAR NOT NULL, body JSON NOT NULL, file VARCHAR NOT NULL
      );
      CREATE TABLE citations (
        record_id VARCHAR NOT NULL, source_id VARCHAR NOT NULL, attribution_type VARCHAR NOT NULL,
        attributed_to VARCHAR, anonymous_count INTEGER, quote VARCHAR, note VARCHAR
      );
      CREATE TABLE figures (
        id VARCHAR PRIMARY KEY, measure VARCHAR NOT NULL, value DOUBLE NOT NULL, qualifier VARCHAR, unit VARCHAR NOT NULL,
        period_start DATE NOT NULL, period_end DATE, scope VARCHAR NOT NULL, aor_code VARCHAR, publisher VARCHAR, note VARCHAR
      );
      CREATE TABLE detention_editions (
        id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL UNIQUE, fiscal_year INTEGER NOT NULL,
        edition_date DATE, imported_at TIMESTAMP NOT NULL
      );
      CREATE TABLE detention_monthly (
        edition_id INTEGER NOT NULL, fiscal_year INTEGER NOT NULL, month DATE, measure VARCHAR NOT NULL,
        agency VARCHAR NOT NULL, criminality VARCHAR NOT NULL, value DOUBLE, sheet VARCHAR NOT NULL, cell VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'claim ledger',
    sql: `
      CREATE TABLE ledger (
        id VARCHAR PRIMARY KEY, article_url VARCHAR, outlet VARCHAR, published DATE, claim_type VARCHAR NOT NULL,
        claim_text VARCHAR NOT NULL, claim JSON NOT NULL, verdict VARCHAR NOT NULL, evidence JSON NOT NULL, note VARCHAR,
        checked_at TIMESTAMP NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'detention figures as of their newest edition',
    sql: `
      -- Each edition revises the months before it: a month's figure is the newest edition's that has it.
      -- A month the edition was published in is partial: its figure covers part of the month only.
      CREATE VIEW detention_latest AS
      SELECT d.fiscal_year, d.month, d.measure, d.agency, d.criminality, d.value, d.sheet, d.cell,
             e.id AS edition_id, e.file_name, e.edition_date, coalesce(e.edition_date::VARCHAR, e.file_name) AS edition,
             coalesce(d.month IS NOT NULL AND e.edition_date < d.month + INTERVAL 1 MONTH, false) AS partial
      FROM detention_monthly d JOIN detention_editions e ON e.id = d.edition_id
      WHERE d.value IS NOT NULL AND d.month IS NOT NULL
      QUALIFY row_number() OVER (PARTITION BY d.month, d.measure, d.agency, d.criminality ORDER BY e.edition_date DESC NULLS LAST, e.id DESC) = 1;
    `,
  },
  {
    version: 5,
    name: 'detention facilities by edition',
    sql: `
      -- One row per facility and edition, as ICE's Facilities sheet lists it: a public institution with its
      -- field office and its fiscal-year average daily population by criminality (no street address kept).
      CREATE TABLE detention_facilities (
        edition_id INTEGER NOT NULL, fiscal_year INTEGER NOT NULL, name VARCHAR NOT NULL, city VARCHAR, state VARCHAR,
        aor_code VARCHAR NOT NULL, facility_type VARCHAR, alos DOUBLE, male_criminal DOUBLE NOT NULL,
        male_non_criminal DOUBLE NOT NULL, female_criminal DOUBLE NOT NULL, female_non_criminal DOUBLE NOT NULL,
        sheet VARCHAR NOT NULL, source_row INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'daily arrest counts',
    sql: `
      -- Arrests per day by field office, criminality, arrest method and duplicate flag: what the national,
      -- composition and detection reports group by. About a tenth of the rows of a large release, so those
      -- reports read this instead of every arrest. Written with each release (see DAILY_COUNTS_SQL).
      CREATE TABLE daily_counts (
        release_id INTEGER NOT NULL, apprehension_date DATE NOT NULL, aor_code VARCHAR, aor_name VARCHAR,
        criminality VARCHAR, method_class VARCHAR, is_duplicate BOOLEAN NOT NULL, arrests BIGINT NOT NULL
      );
      INSERT INTO daily_counts ${dailyCountsSelect('release_id')};
    `,
  },
  {
    version: 7,
    name: 'a table per release, arrests as a view over them',
    sql: `
      -- Each import writes its rows once, into a table of its own (store/releaseTable.ts); arrests becomes the
      -- view over those tables and the rows stored before this layout, which stay where they are.
      ALTER TABLE arrests RENAME TO arrests_stored;
      -- first_row set: the table's rows are numbered by row id (source_row = first_row + rowid).
      CREATE TABLE release_tables (release_id INTEGER PRIMARY KEY, table_name VARCHAR NOT NULL UNIQUE, first_row BIGINT);
      CREATE VIEW arrests AS SELECT * FROM arrests_stored;
    `,
  },
];

/**
 * The daily_counts rows of a release (or, given a column name, of every release) from its arrests. Unordered:
 * every reader aggregates them, and sorting took 0.1 s of the 0.25 s at 1.1M rows.
 */
function dailyCountsSelect(release: string): string {
  return `SELECT release_id, apprehension_date, aor_code, aor_name, criminality, method_class, is_duplicate, count(*)
    FROM arrests WHERE release_id = ${release} GROUP BY ALL`;
}

/** Fill daily_counts for a release just stored (inside its import's transaction). */
export const DAILY_COUNTS_SQL = (releaseId: number) => `INSERT INTO daily_counts ${dailyCountsSelect(String(Number(releaseId)))}`;

export async function migrate(db: Db): Promise<void> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.transaction(async () => {
      await db.run(m.sql);
      await db.run('INSERT INTO schema_migrations VALUES (?, ?, now())', [m.version, m.name]);
      if (m.version === 1) {
        // The salt that turns a release's anonymized identifier into a hash local to this database.
        await db.run("INSERT INTO meta VALUES ('person_salt', ?)", [randomBytes(16).toString('hex')]);
      }
    });
  }
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
