// Command-line flags and environment → a checked configuration. Pure apart from reading the
// arguments and environment it is given.

import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RETENTION_DAYS } from './server.js';

export interface Config {
  port: number;
  host: string;
  db: string;
  databaseUrl?: string;
  origins: string[];
  adminToken?: string;
  retentionDays: number;
  trustProxy: boolean;
  /** Receipts per client address per window, or false for none. */
  rateLimit: { limit: number; windowMs: number } | false;
}

export type ParseResult = { kind: 'help' } | { kind: 'config'; config: Config } | { kind: 'error'; message: string };

export const DEFAULT_DB = './yinyom-receipts.sqlite';

export const HELP = `Usage: yinyom-receipts [options]

Collects the consent receipts the yinyom banner sends (POST /receipts) into SQLite or
PostgreSQL, with an admin page (/admin), statistics (/stats) and export (/export).

Options (environment variable in brackets):
  --port <n>             port to listen on; 0 = any free port [PORT] (default ${DEFAULT_PORT})
  --host <address>       address to listen on (default ${DEFAULT_HOST})
  --db <file>            SQLite database file (default ${DEFAULT_DB})
  --database-url <url>   PostgreSQL URL; use PostgreSQL instead of SQLite [DATABASE_URL]
  --origin <origin>      site allowed to send receipts, e.g. https://www.example.go.th;
                         repeatable; when none is given any Origin is accepted
  --admin-token <token>  Bearer token of the admin endpoints [YINYOM_ADMIN_TOKEN]; when absent
                         one is generated, stored in <db>.admin-token (mode 0600), printed once
  --retention-days <n>   delete receipts older than n days (by updatedAt) (default ${DEFAULT_RETENTION_DAYS})
  --trust-proxy          behind a reverse proxy: rate-limit by the last X-Forwarded-For address
  --rate-limit <n/s|off> receipts one client address may send per s seconds, or off (an office
                         behind one NAT address sends for all its staff) [YINYOM_RATE_LIMIT]
                         (default 60/10)
  --help                 show this help

The first line on stdout is "yinyom-receipts: http://HOST:PORT". SIGTERM or SIGINT stops it.
`;

function integer(name: string, value: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(value)) return `--${name} must be a whole number, got "${value}"`;
  const n = Number(value);
  if (n < min || n > max) return `--${name} must be between ${min} and ${max}, got ${value}`;
  return n;
}

/** An allowed origin: scheme://host[:port], nothing else; normalised as URL.origin writes it. */
export function parseOrigin(value: string): string | null {
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(value)) return null;
  try {
    const url = new URL(value);
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ParseResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        origin: { type: 'string', multiple: true },
        'admin-token': { type: 'string' },
        'retention-days': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'rate-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { kind: 'error', message: message.replace(/\. To specify a positional argument.*$/, '') };
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };

  const portText = v.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = integer('port', portText, 0, 65535);
  if (typeof port === 'string') return { kind: 'error', message: port };

  const host = v.host ?? DEFAULT_HOST;
  if (host.trim() === '' || /\s/.test(host))
    return { kind: 'error', message: '--host must be an address, e.g. 127.0.0.1' };

  const db = v.db ?? DEFAULT_DB;
  if (db === '') return { kind: 'error', message: '--db must be a file path' };

  const databaseUrl = v['database-url'] ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { kind: 'error', message: '--database-url must be a postgresql:// URL' };
  }

  const origins: string[] = [];
  for (const value of v.origin ?? []) {
    const origin = parseOrigin(value);
    if (!origin) {
      return {
        kind: 'error',
        message: `--origin must be a site's origin like https://www.example.go.th (scheme and host, no path), got "${value}"`,
      };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }

  const adminToken = v['admin-token'] ?? (env.YINYOM_ADMIN_TOKEN || undefined);
  if (adminToken !== undefined && !/^[\x21-\x7e]+$/.test(adminToken)) {
    return { kind: 'error', message: '--admin-token must be printable ASCII without spaces' };
  }

  const retention = integer('retention-days', v['retention-days'] ?? String(DEFAULT_RETENTION_DAYS), 1, 36_500);
  if (typeof retention === 'string') return { kind: 'error', message: retention };

  const rateText = v['rate-limit'] ?? (env.YINYOM_RATE_LIMIT || '60/10');
  const rate = /^(\d{1,9})\/(\d{1,6})$/.exec(rateText);
  if (rateText !== 'off' && (!rate || Number(rate[1]) < 1 || Number(rate[2]) < 1)) {
    return {
      kind: 'error',
      message: `--rate-limit must be receipts/seconds such as 60/10, or off, got "${rateText}"`,
    };
  }
  const rateLimit = rate ? { limit: Number(rate[1]), windowMs: Number(rate[2]) * 1000 } : false;

  return {
    kind: 'config',
    config: {
      port,
      host,
      db,
      ...(databaseUrl !== undefined ? { databaseUrl } : {}),
      origins,
      ...(adminToken !== undefined ? { adminToken } : {}),
      retentionDays: retention,
      trustProxy: v['trust-proxy'] ?? false,
      rateLimit,
    },
  };
}
