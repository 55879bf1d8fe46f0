// Numbered schema migrations, the same list for both databases (SQL per dialect where the two
// differ). Applied in order at start; each one in its own transaction together with its row in
// schema_migrations(version). Never edit a released migration: add the next number.

export type Dialect = 'sqlite' | 'postgresql';

export interface Migration {
  version: number;
  description: string;
  sql: Record<Dialect, string>;
}

const bool = { sqlite: 'INTEGER', postgresql: 'BOOLEAN' } as const;
const time = { sqlite: 'TEXT', postgresql: 'TIMESTAMPTZ' } as const;
const check = (column: string, d: Dialect): string => (d === 'sqlite' ? ` CHECK (${column} IN (0, 1))` : '');

function receiptsTable(d: Dialect): string {
  return `
CREATE TABLE receipts (
  id TEXT NOT NULL,
  updated_at ${time[d]} NOT NULL,
  given_at ${time[d]} NOT NULL,
  revision TEXT NOT NULL,
  language TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('accept-all', 'reject-all', 'custom')),
  necessary ${bool[d]} NOT NULL${check('necessary', d)},
  functional ${bool[d]}${check('functional', d)},
  analytics ${bool[d]}${check('analytics', d)},
  marketing ${bool[d]}${check('marketing', d)},
  page TEXT NOT NULL,
  policy_url TEXT,
  source TEXT CHECK (source IN ('banner', 'preferences', 'placeholder', 'api')),
  event TEXT CHECK (event IN ('first', 'change', 'withdrawal', 'reset')),
  notice_digest TEXT,
  received_at ${time[d]} NOT NULL,
  CONSTRAINT receipts_id_updated_at UNIQUE (id, updated_at)
);
CREATE INDEX receipts_received_at ON receipts (received_at);
CREATE INDEX receipts_updated_at ON receipts (updated_at);
`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'receipts table',
    sql: { sqlite: receiptsTable('sqlite'), postgresql: receiptsTable('postgresql') },
  },
];

export const SCHEMA_MIGRATIONS_TABLE: Record<Dialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
  postgresql: `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
};
