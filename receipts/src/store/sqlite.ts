import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
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

/** Per-day aggregate, shared in shape with the PostgreSQL store. */
const STATS_SQL = `
SELECT substr(updated_at, 1, 10) AS day,
  COUNT(*) AS choices,
  SUM(method = 'accept-all') AS accept_all,
  SUM(method = 'reject-all') AS reject_all,
  SUM(method = 'custom') AS custom,
  SUM(functional IS NOT NULL) AS functional_offered,
  SUM(functional = 1) AS functional_granted,
  SUM(analytics IS NOT NULL) AS analytics_offered,
  SUM(analytics = 1) AS analytics_granted,
  SUM(marketing IS NOT NULL) AS marketing_offered,
  SUM(marketing = 1) AS marketing_granted
FROM receipts
WHERE updated_at >= ? AND updated_at < ?
GROUP BY day
ORDER BY day`;

/**
 * Opens (creating if needed) a SQLite database: WAL journal and synchronous=FULL, so that an
 * insert has reached the disk when it returns. A new file is created with mode 0600.
 */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:' && !path.startsWith('file:')) {
    // Create it private before SQLite does (SQLite gives its -wal and -shm files the same mode).
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);

  const insert = db.prepare(
    `INSERT INTO receipts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (id, updated_at) DO NOTHING`,
  );
  const byId = db.prepare(`SELECT * FROM receipts WHERE id = ? ORDER BY updated_at ASC`);
  const stats = db.prepare(STATS_SQL);
  const firstBatch = db.prepare(
    `SELECT * FROM receipts WHERE updated_at >= ? AND updated_at < ? ORDER BY updated_at, id LIMIT ${EXPORT_BATCH}`,
  );
  const nextBatch = db.prepare(
    `SELECT * FROM receipts WHERE updated_at >= ? AND updated_at < ? AND (updated_at, id) > (?, ?)
     ORDER BY updated_at, id LIMIT ${EXPORT_BATCH}`,
  );
  const deleteOld = db.prepare(`DELETE FROM receipts WHERE updated_at < ?`);
  const ping = db.prepare(`SELECT 1`);
  const asBool = (b: boolean | undefined): number | null => (b === undefined ? null : b ? 1 : 0);
  // better-sqlite3 is synchronous: a statement has finished (an insert committed) when it returns.
  // Its result, or its error, becomes the promise the Store interface promises.
  const settle = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));

  return {
    kind: 'sqlite',
    insert(receipt: Receipt, receivedAt: Date): Promise<boolean> {
      return settle(() => insert.run(...insertValues(receipt, receivedAt, asBool)).changes === 1);
    },
    byId(id: string): Promise<StoredReceipt[]> {
      return settle(() => (byId.all(id) as Row[]).map(rowToReceipt));
    },
    stats(from: string, to: string): Promise<DayStats[]> {
      return settle(() => (stats.all(dayStart(from), dayAfter(to)) as DayAggregate[]).map(aggregateToStats));
    },
    async *exportRows(from: string, to: string): AsyncIterable<StoredReceipt> {
      const lo = dayStart(from);
      const hi = dayAfter(to);
      let last: Row | undefined;
      for (;;) {
        // Each batch is read to its end at once, so that the connection is never left busy
        // with an open iterator while the response waits on a slow client.
        const batch: Row[] = [];
        const rows = (
          last ? nextBatch.iterate(lo, hi, last.updated_at, last.id) : firstBatch.iterate(lo, hi)
        ) as IterableIterator<Row>;
        for (const row of rows) batch.push(row);
        for (const row of batch) yield rowToReceipt(row);
        if (batch.length < EXPORT_BATCH) return;
        last = batch[batch.length - 1];
        // Let requests waiting meanwhile (receipts to insert) run between two batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    deleteOlderThan(date: Date): Promise<number> {
      return settle(() => deleteOld.run(date.toISOString()).changes);
    },
    ping(): Promise<void> {
      return settle(() => {
        ping.get();
      });
    },
    close(): Promise<void> {
      return settle(() => {
        if (db.open) db.close();
      });
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(SCHEMA_MIGRATIONS_TABLE.sqlite);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      // Another process may have applied it between the read above and this write lock.
      const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
      if (done) return;
      db.exec(migration.sql.sqlite);
      record.run(migration.version, new Date().toISOString());
    }).immediate();
  }
}
