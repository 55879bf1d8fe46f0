// The HTTP service: node:http, no framework. createServer(options) opens the store (or takes
// one), applies migrations, runs retention, listens, and returns { url, close() }.

import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminFile, ADMIN_HEADERS, DEFAULT_ADMIN_DIR } from './admin.js';
import { exportChunks, type ExportFormat } from './export.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { openPostgresStore } from './store/postgres.js';
import { openSqliteStore } from './store/sqlite.js';
import type { DatabaseKind, DayStats, Store } from './store/types.js';
import { parseReceipt, UUID_V4 } from './validate.js';

export type { Store, StoredReceipt, DayStats, DatabaseKind } from './store/types.js';
export { openSqliteStore } from './store/sqlite.js';
export { openPostgresStore } from './store/postgres.js';

export const DEFAULT_PORT = 8081;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_RETENTION_DAYS = 1095;
/** Largest body POST /receipts reads, in bytes. */
export const MAX_BODY_BYTES = 4096;
/** Longest range GET /stats answers, in days. */
export const MAX_STATS_DAYS = 366;
/** Days GET /stats and GET /export cover when `from` is not given. */
export const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;
const RETENTION_INTERVAL_MS = DAY_MS;

export interface ServerOptions {
  /** A store to use as is; close() leaves it open (the caller owns it). */
  store?: Store;
  /** SQLite file (used when neither store nor databaseUrl is given); default ./yinyom-receipts.sqlite. */
  db?: string;
  /** PostgreSQL URL: use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema for the tables (search_path); default the server's. */
  databaseSchema?: string;
  /** Allowed Origins for POST /receipts (e.g. https://www.example.go.th); empty = any. */
  origins?: readonly string[];
  /** Bearer token of the admin endpoints. */
  adminToken: string;
  /** Rows whose updatedAt is older than this many days are deleted at start and every 24 h. */
  retentionDays?: number;
  port?: number;
  host?: string;
  /** Receipts per client and window; false turns the limit off. Default 60 per 10 s. */
  rateLimit?: { limit?: number; windowMs?: number } | false;
  /** Key the rate limit by the last X-Forwarded-For address (set by a reverse proxy) instead of the socket's. */
  trustProxy?: boolean;
  /** The server's clock (tests). */
  now?: () => Date;
  /** Folder of the admin page files; default the package's admin/. */
  adminDir?: string;
  /** Where log lines go; default stderr. Never given IP addresses, user agents or bodies. */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** http://host:port with the real port. */
  url: string;
  port: number;
  store: Store;
  database: DatabaseKind;
  /** Deletes rows past the retention period now; resolves to how many. */
  runRetention(): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, stops the retention timer, closes the store if it opened it. */
  close(): Promise<void>;
}

/** Opens the store the options name: a given store, PostgreSQL, or SQLite. */
export async function openStore(
  options: Pick<ServerOptions, 'db' | 'databaseUrl' | 'databaseSchema' | 'log'>,
): Promise<Store> {
  if (options.databaseUrl) {
    const log = options.log;
    return openPostgresStore({
      connectionString: options.databaseUrl,
      schema: options.databaseSchema,
      ...(log ? { onError: (e: Error) => log(`PostgreSQL: ${e.message}`) } : {}),
    });
  }
  return openSqliteStore(options.db ?? './yinyom-receipts.sqlite');
}

type Headers = Record<string, string | number>;

function send(res: http.ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

type Range = { from: string; to: string } | { error: string; field: string };

/** from/to query parameters: UTC days, inclusive; default the last 30 days up to today. */
export function dayRange(params: URLSearchParams, today: string, maxDays?: number): Range {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null && !isDay(from)) return { error: 'from must be a date YYYY-MM-DD', field: 'from' };
  if (to !== null && !isDay(to)) return { error: 'to must be a date YYYY-MM-DD', field: 'to' };
  const end = to ?? (from !== null && from > today ? from : today);
  const start = from ?? addDays(end, -(DEFAULT_RANGE_DAYS - 1));
  if (start > end) return { error: 'from must not be after to', field: 'from' };
  if (maxDays !== undefined && daysBetween(start, end) > maxDays) {
    return { error: `the range from–to must be at most ${maxDays} days`, field: 'to' };
  }
  return { from: start, to: end };
}

function fillDays(from: string, to: string, rows: DayStats[]): DayStats[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days: DayStats[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(
      byDay.get(day) ?? {
        day,
        choices: 0,
        methods: { 'accept-all': 0, 'reject-all': 0, custom: 0 },
        granted: { functional: null, analytics: null, marketing: null },
      },
    );
  }
  return days;
}

function mediaType(header: string | undefined): { type: string; charset?: string } | null {
  if (!header) return null;
  const [type, ...params] = header.split(';');
  const result: { type: string; charset?: string } = { type: type.trim().toLowerCase() };
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() === 'charset') {
      result.charset = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return result;
}

type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads at most `limit` bytes of a body; stops reading as soon as more arrives. */
function readBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Starts the collector. */
export async function createServer(options: ServerOptions): Promise<RunningServer> {
  if (typeof options.adminToken !== 'string' || options.adminToken.length === 0) {
    throw new TypeError('createServer: adminToken is required');
  }
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stderr.write(`yinyom-receipts: ${line}\n`));
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!(Number.isInteger(retentionDays) && retentionDays > 0)) {
    throw new RangeError('createServer: retentionDays must be a positive whole number');
  }
  const origins = new Set(options.origins ?? []);
  const adminDir = options.adminDir ?? DEFAULT_ADMIN_DIR;
  const tokenDigest = createHash('sha256').update(options.adminToken).digest();
  const limiter: RateLimiter | null =
    options.rateLimit === false ? null : createRateLimiter({ ...options.rateLimit, now: () => now().getTime() });

  const ownsStore = !options.store;
  const store = options.store ?? (await openStore(options));

  let closing = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;

  const runRetention = async (): Promise<number> => {
    const cutoff = new Date(now().getTime() - retentionDays * DAY_MS);
    const deleted = await store.deleteOlderThan(cutoff);
    if (deleted > 0) log(`retention: deleted ${deleted} receipt(s) older than ${retentionDays} days`);
    return deleted;
  };
  const retention = () =>
    runRetention().catch((error: unknown) => {
      log(`retention failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    });

  const authorized = (req: http.IncomingMessage): boolean => {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return false;
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) return false;
    return timingSafeEqual(createHash('sha256').update(match[1]).digest(), tokenDigest);
  };
  const unauthorized = (res: http.ServerResponse) =>
    send(
      res,
      401,
      { error: 'missing or wrong admin token (Authorization: Bearer <token>)' },
      {
        'WWW-Authenticate': 'Bearer realm="yinyom-receipts"',
      },
    );

  const clientKey = (req: http.IncomingMessage): string => {
    if (options.trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
      const last = list[list.length - 1].trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  const corsFor = (origin: string | undefined): Headers | null => {
    const headers: Headers = { Vary: 'Origin' };
    if (origins.size > 0 && (origin === undefined || !origins.has(origin))) return null;
    if (origin !== undefined) headers['Access-Control-Allow-Origin'] = origin;
    return headers;
  };

  async function collect(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const cors = corsFor(origin);
    if (!cors) {
      send(
        res,
        403,
        { error: origin === undefined ? 'an Origin header is required' : 'origin not allowed' },
        {
          Vary: 'Origin',
        },
      );
      return;
    }
    if (limiter) {
      const decision = limiter.hit(clientKey(req));
      if (!decision.allowed) {
        send(
          res,
          429,
          { error: 'too many receipts from this client; retry later' },
          {
            ...cors,
            'Retry-After': decision.retryAfter,
          },
        );
        return;
      }
    }
    const media = mediaType(req.headers['content-type']);
    if (!media || (media.type !== 'text/plain' && media.type !== 'application/json')) {
      send(res, 415, { error: 'Content-Type must be text/plain or application/json' }, cors);
      return;
    }
    if (media.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8') {
      send(res, 415, { error: 'the body must be UTF-8 (charset=utf-8)' }, cors);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (req.headers['content-length'] !== undefined && declared > MAX_BODY_BYTES) {
      tooLarge(res, cors);
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      if (body.reason === 'too-large') tooLarge(res, cors);
      else res.destroy();
      return;
    }
    const at = now();
    const result = parseReceipt(body.bytes, at);
    if (!result.ok) {
      send(res, 400, { error: result.error, field: result.field }, cors);
      return;
    }
    try {
      await store.insert(result.receipt, at);
    } catch (error) {
      log(`could not store a receipt: ${error instanceof Error ? error.message : String(error)}`);
      send(
        res,
        503,
        { error: 'the database is unavailable; the receipt was not stored' },
        { ...cors, 'Retry-After': 10 },
      );
      return;
    }
    send(res, 204, undefined, cors);
  }

  function tooLarge(res: http.ServerResponse, cors: Headers): void {
    // The rest of the body is not read: the connection closes after this answer.
    send(res, 413, { error: `the body must be at most ${MAX_BODY_BYTES} bytes` }, { ...cors, Connection: 'close' });
  }

  function preflight(req: http.IncomingMessage, res: http.ServerResponse): void {
    const cors = corsFor(req.headers.origin);
    if (!cors) {
      send(res, 403, { error: 'origin not allowed' }, { Vary: 'Origin' });
      return;
    }
    send(res, 204, undefined, {
      ...cors,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': 86400,
    });
  }

  async function lookup(res: http.ServerResponse, id: string): Promise<void> {
    if (!UUID_V4.test(id)) {
      send(res, 400, { error: 'id must be a lowercase UUID v4', field: 'id' });
      return;
    }
    const records = await store.byId(id);
    if (records.length === 0) {
      send(res, 404, { error: 'no receipt with this id' });
      return;
    }
    send(res, 200, { id, records });
  }

  const today = () => now().toISOString().slice(0, 10);

  async function stats(res: http.ServerResponse, params: URLSearchParams): Promise<void> {
    const range = dayRange(params, today(), MAX_STATS_DAYS);
    if ('error' in range) {
      send(res, 400, range);
      return;
    }
    const rows = await store.stats(range.from, range.to);
    send(res, 200, { from: range.from, to: range.to, days: fillDays(range.from, range.to, rows) });
  }

  async function exportReceipts(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    params: URLSearchParams,
  ): Promise<void> {
    const range = dayRange(params, today());
    if ('error' in range) {
      send(res, 400, range);
      return;
    }
    const format = (params.get('format') ?? 'csv') as ExportFormat;
    if (format !== 'csv' && format !== 'json') {
      send(res, 400, { error: 'format must be csv or json', field: 'format' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="yinyom-receipts-${range.from}-${range.to}.${format}"`,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    const write = async (text: string): Promise<void> => {
      if (res.write(text) || gone) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    };
    let pending = '';
    try {
      for await (const chunk of exportChunks(store.exportRows(range.from, range.to), format)) {
        if (gone) break; // leaving the loop ends the store's iterator
        pending += chunk;
        if (pending.length >= 16_384) {
          await write(pending);
          pending = '';
        }
      }
      if (!gone) {
        if (pending) await write(pending);
        res.end();
      }
    } catch (error) {
      log(`export failed: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy(); // an unterminated download, never a silently truncated file
    }
  }

  async function health(res: http.ServerResponse): Promise<void> {
    try {
      await timeout(store.ping(), 3_000);
      send(res, 200, { ok: true, database: store.kind });
    } catch {
      send(res, 503, { ok: false, database: store.kind, error: 'the database cannot be reached' });
    }
  }

  async function admin(res: http.ServerResponse, pathname: string): Promise<void> {
    const answer = await adminFile(pathname, adminDir);
    if (answer.status === 200) {
      res.writeHead(200, { ...ADMIN_HEADERS, 'Content-Type': answer.type, 'Content-Length': answer.body.length });
      res.end(answer.body);
    } else {
      send(res, 404, { error: answer.error }, ADMIN_HEADERS);
    }
  }

  const notAllowed = (res: http.ServerResponse, allow: string) =>
    send(res, 405, { error: `method not allowed; use ${allow}` }, { Allow: allow });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (closing) res.setHeader('Connection', 'close');
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const pathname = q < 0 ? target : target.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    const method = req.method ?? 'GET';
    const read = method === 'GET' || method === 'HEAD';

    if (pathname === '/receipts') {
      if (method === 'POST') return collect(req, res);
      if (method === 'OPTIONS') return preflight(req, res);
      return notAllowed(res, 'POST, OPTIONS');
    }
    const byId = /^\/receipts\/([^/]+)$/.exec(pathname);
    if (byId) {
      if (!read) return notAllowed(res, 'GET, HEAD');
      if (!authorized(req)) return unauthorized(res);
      return lookup(res, byId[1]);
    }
    if (pathname === '/stats' || pathname === '/export') {
      if (!read) return notAllowed(res, 'GET, HEAD');
      if (!authorized(req)) return unauthorized(res);
      return pathname === '/stats' ? stats(res, params) : exportReceipts(req, res, params);
    }
    if (pathname === '/health') {
      if (!read) return notAllowed(res, 'GET, HEAD');
      return health(res);
    }
    if (pathname === '/admin' || pathname.startsWith('/admin/')) {
      if (!read) return notAllowed(res, 'GET, HEAD');
      return admin(res, pathname);
    }
    send(res, 404, { error: 'not found' });
  }

  const server = http.createServer((req, res) => {
    inFlight++;
    route(req, res)
      .catch((error: unknown) => {
        log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
        else res.destroy();
      })
      .finally(() => {
        if (--inFlight === 0 && idle) idle();
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    throw error;
  }

  await retention();
  const retentionTimer = setInterval(() => void retention(), RETENTION_INTERVAL_MS);
  retentionTimer.unref();

  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? DEFAULT_HOST;
  let closed: Promise<void> | null = null;

  return {
    url: `http://${hostForUrl(host)}:${port}`,
    port,
    store,
    database: store.kind,
    runRetention,
    close(): Promise<void> {
      closed ??= (async () => {
        closing = true;
        clearInterval(retentionTimer);
        const force = setTimeout(() => server.closeAllConnections(), 5_000);
        force.unref();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
        clearTimeout(force);
        if (ownsStore) await store.close();
      })();
      return closed;
    },
  };
}
