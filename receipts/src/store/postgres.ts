import pg from 'pg';
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE } from './migrations.js';
import {
  aggregateToStats,
  COLUMNS,
  dayAfter,
  dayStart,
  EXPORT_BATCH,
  insertValues,
  rowToReceipt,
  type DayAggregate,
  type DayStats,
  type Row,
  type Store,
  type StoredReceipt,
} from './types.js';
import type { Receipt } from '../validate.js';

export interface PostgresOptions {
  /** A postgresql:// URL (libpq-style parameters such as sslmode are understood by pg). */
  connectionString: string;
  /** Schema for the tables (sets search_path on every connection); default: the server's search_path. */
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  /** Called with pool errors of idle connections (a restarted server, …). Default: console.error. */
  onError?: (error: Error) => void;
}

// Any constant works: only yinyom-receipts processes take it, to apply migrations one at a time.
const MIGRATION_LOCK = 0x79696e79;

const STATS_SQL = `
SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
  COUNT(*) AS choices,
  COUNT(*) FILTER (WHERE method = 'accept-all') AS accept_all,
  COUNT(*) FILTER (WHERE method = 'reject-all') AS reject_all,
  COUNT(*) FILTER (WHERE method = 'custom') AS custom,
  COUNT(functional) AS functional_offered,
  COUNT(*) FILTER (WHERE functional) AS functional_granted,
  COUNT(analytics) AS analytics_offered,
  COUNT(*) FILTER (WHERE analytics) AS analytics_granted,
  COUNT(marketing) AS marketing_offered,
  COUNT(*) FILTER (WHERE marketing) AS marketing_granted
FROM receipts
WHERE updated_at >= $1 AND updated_at < $2
GROUP BY day
ORDER BY day`;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Connects, applies pending migrations, and returns the store. */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  });
  const onError = options.onError ?? ((error: Error) => console.error(`yinyom-receipts: PostgreSQL: ${error.message}`));
  pool.on('error', onError);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const insertSql = `INSERT INTO receipts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
    ON CONFLICT (id, updated_at) DO NOTHING`;
  const asBool = (b: boolean | undefined): boolean | null => (b === undefined ? null : b);
  let closed = false;

  return {
    kind: 'postgresql',
    async insert(receipt: Receipt, receivedAt: Date): Promise<boolean> {
      // A single statement outside any transaction: it has committed when the query resolves.
      const result = await pool.query({ text: insertSql, values: insertValues(receipt, receivedAt, asBool) });
      return result.rowCount === 1;
    },
    async byId(id: string): Promise<StoredReceipt[]> {
      const result = await pool.query<Row>('SELECT * FROM receipts WHERE id = $1 ORDER BY updated_at ASC', [id]);
      return result.rows.map(rowToReceipt);
    },
    async stats(from: string, to: string): Promise<DayStats[]> {
      const result = await pool.query<DayAggregate>(STATS_SQL, [dayStart(from), dayAfter(to)]);
      return result.rows.map(aggregateToStats);
    },
    async *exportRows(from: string, to: string): AsyncIterable<StoredReceipt> {
      const lo = dayStart(from);
      const hi = dayAfter(to);
      let last: StoredReceipt | undefined;
      for (;;) {
        // Keyset pagination over (updated_at, id): each batch is one short query on any pooled
        // connection, so a slow download never holds a connection or a transaction open.
        const result = last
          ? await pool.query<Row>(
              `SELECT * FROM receipts WHERE updated_at >= $1 AND updated_at < $2 AND (updated_at, id) > ($3, $4)
               ORDER BY updated_at, id LIMIT ${EXPORT_BATCH}`,
              [lo, hi, last.updatedAt, last.id],
            )
          : await pool.query<Row>(
              `SELECT * FROM receipts WHERE updated_at >= $1 AND updated_at < $2 ORDER BY updated_at, id LIMIT ${EXPORT_BATCH}`,
              [lo, hi],
            );
        for (const row of result.rows) {
          last = rowToReceipt(row);
          yield last;
        }
        if (result.rows.length < EXPORT_BATCH) return;
      }
    },
    async deleteOlderThan(date: Date): Promise<number> {
      const result = await pool.query('DELETE FROM receipts WHERE updated_at < $1', [date.toISOString()]);
      return result.rowCount ?? 0;
    },
    async ping(): Promise<void> {
      await pool.query('SELECT 1');
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two collectors starting at once against one database: the second waits here.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(SCHEMA_MIGRATIONS_TABLE.postgresql);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql.postgresql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
