#!/usr/bin/env node
// Load benchmark of yinyom-receipts (not run in CI): `npm run bench:receipts` from the root, or
// `node receipts/bench/load.mjs [options]` after `npm run build --workspace=receipts`.
//
// For each database (a temp SQLite file; PostgreSQL in a fresh schema when
// YINYOM_BENCH_DATABASE_URL or YINYOM_TEST_DATABASE_URL is set) and each server mode, it starts
// the collector as its own process on loopback, keeps --concurrency POST /receipts in flight
// (valid, distinct receipts shaped like the widget's, text/plain) for a warm-up and a measured
// period, then checks every acknowledged receipt against what the database holds.
//
// Server modes:
//   cli  `node dist/cli.js --trust-proxy …`. The CLI has no flag to raise or turn off the rate
//        limiter (60 receipts / 10 s per client), so the client spreads its requests over
//        --addresses X-Forwarded-For addresses (as a load balancer in front would): the limiter
//        runs on every request but never refuses one.
//   api  a child process running createServer({ rateLimit: false }) from dist/server.js (the
//        same code without the limiter), for comparison.
//
// Options: --concurrency 64  --seconds 20  --warmup 2  --mode cli,api  --db sqlite,postgresql
//          --rate R (open loop: offer R receipts/s instead of keeping the pool full)
//          --addresses 4096  --no-write (do not touch results.md)  --keep (keep the database)
//          --wait-quiet (before each run, wait until the machine is idle: for shared machines)
// Environment: YINYOM_BENCH_DATABASE_URL (or YINYOM_TEST_DATABASE_URL) for PostgreSQL;
//          YINYOM_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" to profile the collector.
//
// The report (a markdown table and the settings) is printed and written to bench/results.md
// between the <!-- bench:receipts --> markers; text outside the markers is kept.

import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.resolve(HERE, '..');
const CLI = path.join(PACKAGE, 'dist', 'cli.js');
const SERVER = path.join(PACKAGE, 'dist', 'server.js');
const RESULTS = path.join(HERE, 'results.md');
const ADMIN_TOKEN = `bench-${randomBytes(16).toString('hex')}`;
const ORIGIN = 'https://www.example.go.th';
const CLK_TCK = 100; // Linux USER_HZ

// ---------------------------------------------------------------------------------------------

async function main() {
  const { values: v } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '64' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '2' },
      mode: { type: 'string', default: 'cli,api' },
      db: { type: 'string', default: 'sqlite,postgresql' },
      addresses: { type: 'string', default: '4096' },
      rate: { type: 'string', default: '0' },
      'no-write': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'wait-quiet': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1);
    const header = lines.slice(
      0,
      lines.findIndex((l) => !l.startsWith('//')),
    );
    process.stdout.write(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
    return;
  }
  const settings = {
    concurrency: positive('concurrency', v.concurrency),
    seconds: positive('seconds', v.seconds),
    warmup: Number(v.warmup),
    addresses: positive('addresses', v.addresses),
    // 0 = closed loop (as fast as the collector answers); R = open loop, R receipts/s offered.
    rate: Number(v.rate) >= 0 ? Number(v.rate) : fail('--rate must be ≥ 0'),
  };
  const modes = v.mode.split(',').filter(Boolean);
  const dbs = v.db.split(',').filter(Boolean);
  for (const m of modes) if (m !== 'cli' && m !== 'api') fail(`--mode: cli and/or api, got "${m}"`);
  for (const d of dbs) if (d !== 'sqlite' && d !== 'postgresql') fail(`--db: sqlite and/or postgresql, got "${d}"`);
  if (!existsSync(CLI) || !existsSync(SERVER))
    fail(`${path.relative(process.cwd(), CLI)} is missing: run npm run build --workspace=receipts first`);

  const databaseUrl = process.env.YINYOM_BENCH_DATABASE_URL || process.env.YINYOM_TEST_DATABASE_URL || '';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'yinyom-receipts-bench-'));
  const machine = describeMachine(tmp);
  if (databaseUrl && dbs.includes('postgresql')) {
    const { default: pg } = await import('pg');
    const r = await withPg(pg, databaseUrl, (c) =>
      c.query(
        `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
                current_setting('synchronous_commit') AS sc, current_setting('shared_buffers') AS sb,
                inet_server_addr()::text AS addr`,
      ),
    ).catch((e) => fail(`PostgreSQL at ${redact(databaseUrl)}: ${e.message}`));
    const x = r.rows[0];
    machine.pg = `PostgreSQL ${x.version} at ${x.addr ?? 'a local socket'} (fsync ${x.fsync}, synchronous_commit ${x.sc}, shared_buffers ${x.sb}); the collector's pool: 10 connections (its default)`;
  }
  const results = [];
  const skipped = [];
  try {
    for (const db of dbs) {
      if (db === 'postgresql' && !databaseUrl) {
        skipped.push('PostgreSQL: set YINYOM_BENCH_DATABASE_URL (or YINYOM_TEST_DATABASE_URL) to run it');
        continue;
      }
      for (const mode of modes) {
        const label = `${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'} · ${mode === 'cli' ? 'CLI, limiter on (XFF spread)' : 'createServer, limiter off'}`;
        if (v['wait-quiet']) await waitQuiet();
        process.stderr.write(
          `\n== ${label}: ${settings.concurrency} in flight, ${settings.warmup} s warm-up + ${settings.seconds} s\n`,
        );
        const r = await scenario({ db, mode, label, settings, tmp, databaseUrl, keep: v.keep });
        results.push(r);
        process.stderr.write(
          `   ${fmt(r.rate)} receipts/s, p50 ${ms(r.p50)} p99 ${ms(r.p99)} ms, acknowledged ${r.acked}, stored ${r.stored}, lost ${r.lost}\n`,
        );
      }
    }
  } finally {
    if (!v.keep) rmSync(tmp, { recursive: true, force: true });
  }

  const report = renderReport(results, settings, machine, skipped, process.argv.slice(2));
  process.stdout.write(`\n${report}\n`);
  if (!v['no-write']) {
    writeResults(report, settings.rate > 0);
    process.stderr.write(`written to ${path.relative(process.cwd(), RESULTS)}\n`);
  }
  if (results.some((r) => r.lost !== 0)) process.exitCode = 1;
}

/** On a shared machine: waits (at most 3 min) until the CPUs are < 10 % busy over 3 s. */
async function waitQuiet() {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const a = readProcCpu(-1).machine;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const busy = a ? busyShare(a, readProcCpu(-1).machine) : 0;
    if (busy < 10 || Date.now() > deadline) return;
    process.stderr.write(`   waiting for a quiet machine (${Math.round(busy)} % busy)\n`);
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the URL given';
  }
}

function positive(name, text) {
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0)) fail(`--${name} must be a positive number, got "${text}"`);
  return n;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// One run: database → server process → load → verification → shutdown → cleanup.

async function scenario({ db, mode, label, settings, tmp, databaseUrl, keep }) {
  const pg = db === 'postgresql' ? await import('pg').then((m) => m.default) : null;
  let sqliteFile = null;
  let schema = null;
  let serverUrl = null;
  if (db === 'sqlite') {
    sqliteFile = path.join(tmp, `${mode}-${Date.now()}.sqlite`);
  } else {
    schema = `yinyom_bench_${randomBytes(6).toString('hex')}`;
    await withPg(pg, databaseUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
    // pg reads libpq's `options` from the URL: every pooled connection gets this search_path,
    // so the collector's migrations create schema_migrations and receipts in the fresh schema.
    const u = new URL(databaseUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    serverUrl = u.toString();
  }

  const server = await startServer(
    mode,
    db === 'sqlite' ? { db: sqliteFile } : { databaseUrl: serverUrl, db: path.join(tmp, 'unused.sqlite') },
  );
  try {
    const load = await drive(server.url, settings, mode === 'cli', server.pid);
    const cpu = load.cpu;

    // Verification while the server still runs: GET /stats (sum of choices), GET /export
    // (every acknowledged id present), and a direct count through the database.
    const days = [-1, 0, 1].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
    const statsBody = await getJson(server.url, `/stats?from=${days[0]}&to=${days[2]}`);
    const statsCount = statsBody.days.reduce((sum, d) => sum + d.choices, 0);
    const exportStart = performance.now();
    const exported = await getJson(server.url, `/export?format=json&from=${days[0]}&to=${days[2]}`);
    const exportMs = performance.now() - exportStart;
    const exportedIds = new Set(exported.map((r) => r.piiPrincipalId));
    let missing = 0;
    for (const id of load.ackedIds) if (!exportedIds.has(id)) missing++;
    let unacknowledgedStored = 0;
    for (const id of exportedIds) if (!load.ackedIds.has(id)) unacknowledgedStored++;

    let directCount;
    let rowBytes = null;
    let tableBytes = null;
    if (db === 'sqlite') {
      directCount = await sqliteCount(sqliteFile);
    } else {
      const r = await withPg(pg, databaseUrl, (c) =>
        c.query(
          `SELECT count(*)::bigint AS n, pg_total_relation_size('${schema}.receipts')::bigint AS total,
                  pg_relation_size('${schema}.receipts')::bigint AS heap FROM ${schema}.receipts`,
        ),
      );
      directCount = Number(r.rows[0].n);
      tableBytes = Number(r.rows[0].total);
      rowBytes = directCount ? tableBytes / directCount : null;
    }

    // Graceful stop (SIGTERM), then count again from the file: what a 204 promised is on disk.
    const exit = await server.stop();
    let afterStop = directCount;
    let fileBytes = null;
    if (db === 'sqlite') {
      afterStop = await sqliteCount(sqliteFile);
      fileBytes = ['', '-wal'].reduce(
        (sum, s) => sum + (existsSync(sqliteFile + s) ? statSync(sqliteFile + s).size : 0),
        0,
      );
      rowBytes = afterStop ? fileBytes / afterStop : null;
    }

    return {
      label,
      db,
      mode,
      ...load.summary,
      cpu,
      acked: load.ackedIds.size,
      stored: directCount,
      storedAfterStop: afterStop,
      statsCount,
      exportedCount: exported.length,
      exportMs,
      missing,
      unacknowledgedStored,
      lost: load.ackedIds.size - afterStop + unacknowledgedStored, // acknowledged − stored (of those acknowledged)
      rowBytes,
      tableBytes,
      fileBytes,
      exit,
      serverLog: server.log
        .filter((l) => !/warning: no --origin|accepting receipts|SQLite |PostgreSQL;|finishing requests/.test(l))
        .slice(0, 5),
    };
  } finally {
    await server.stop();
    if (schema && !keep) await withPg(pg, databaseUrl, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`)).catch(() => {});
  }
}

async function withPg(pg, url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function sqliteCount(file) {
  const { default: Database } = await import('better-sqlite3');
  const d = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return d.prepare('SELECT count(*) AS n FROM receipts').get().n;
  } finally {
    d.close();
  }
}

function startServer(mode, store) {
  const args =
    mode === 'cli'
      ? [
          CLI,
          '--port',
          '0',
          '--admin-token',
          ADMIN_TOKEN,
          '--origin',
          ORIGIN,
          '--trust-proxy',
          '--db',
          store.db,
          ...(store.databaseUrl ? ['--database-url', store.databaseUrl] : []),
        ]
      : [
          fileURLToPath(import.meta.url),
          '--serve-api',
          JSON.stringify({ port: 0, host: '127.0.0.1', adminToken: ADMIN_TOKEN, origins: [ORIGIN], ...store }),
        ];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PORT;
  // YINYOM_BENCH_NODE_ARGS: extra node flags for the collector only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.YINYOM_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const log = [];
  let errText = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    errText += chunk;
    let nl;
    while ((nl = errText.indexOf('\n')) >= 0) {
      log.push(errText.slice(0, nl));
      errText = errText.slice(nl + 1);
    }
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    })();
    return stopping;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    const onData = (chunk) => {
      out += chunk;
      const m = /^yinyom-receipts: (http:\/\/\S+)\n/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ url: m[1], pid: child.pid, log, stop });
      }
    };
    child.stdout.on('data', onData);
    exited.then((code) => reject(new Error(`the collector exited (${code}) before listening:\n${log.join('\n')}`)));
  });
}

// ---------------------------------------------------------------------------------------------
// The load: `concurrency` loops, each sending one receipt after the other over a keep-alive pool.

const REVISION = '2026-11-01';
const DIGEST = `sha256-${createHash('sha256').update('ยินยอม notice wording, bench').digest('base64url')}`;
const METHODS = ['accept-all', 'accept-all', 'accept-all', 'reject-all', 'reject-all', 'custom'];
const EVENTS = ['first', 'first', 'first', 'first', 'first', 'first', 'first', 'change', 'change', 'withdrawal'];

/** A receipt as the widget builds it (consent record + page, policyUrl, source, event, noticeDigest). */
function receipt(n) {
  const now = new Date();
  const event = EVENTS[n % EVENTS.length];
  const method = METHODS[(n >> 1) % METHODS.length];
  const custom = method === 'custom';
  const all = method === 'accept-all';
  const categories = {
    necessary: true,
    functional: all || (custom && n % 2 === 0),
    analytics: all || (custom && n % 3 === 0),
    marketing: all,
  };
  if (n % 4 === 0) delete categories.functional; // a site that does not offer it
  const givenAt = event === 'first' ? now : new Date(now.getTime() - ((n % 90) + 1) * 86_400_000);
  return {
    id: randomUUID(),
    revision: REVISION,
    language: n % 5 === 0 ? 'en' : 'th',
    givenAt: givenAt.toISOString(),
    updatedAt: now.toISOString(),
    method,
    categories,
    page: `https://www.example.go.th/services/${n % 512}/form`,
    policyUrl: '/privacy',
    source: event === 'first' ? 'banner' : 'preferences',
    event,
    noticeDigest: DIGEST,
  };
}

function post(agent, url, body, forwardedFor) {
  return new Promise((resolve) => {
    const headers = {
      'Content-Type': 'text/plain;charset=UTF-8',
      'Content-Length': Buffer.byteLength(body),
      Origin: ORIGIN,
    };
    if (forwardedFor) headers['X-Forwarded-For'] = forwardedFor;
    const req = http.request(url, { method: 'POST', agent, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', (e) => resolve(e.code ?? 'response error'));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => resolve(e.code ?? e.message));
    req.end(body);
  });
}

async function drive(baseUrl, settings, spreadAddresses, serverPid) {
  const url = `${baseUrl}/receipts`;
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: settings.concurrency,
    maxFreeSockets: settings.concurrency,
  });
  const start = performance.now();
  const t0 = start + settings.warmup * 1000;
  const t1 = t0 + settings.seconds * 1000;
  const ackedIds = new Set();
  const latencies = [];
  const statuses = new Map();
  let measuredOk = 0;
  let sent = 0;
  let cpuAtT0 = null;
  let cpuAtT1 = null;
  const cpuSample = () => ({ client: process.cpuUsage(), proc: readProcCpu(serverPid), wall: performance.now() });
  const marks = [
    setTimeout(() => (cpuAtT0 = cpuSample()), Math.max(0, t0 - performance.now())),
    setTimeout(() => (cpuAtT1 = cpuSample()), t1 - performance.now()),
  ];

  async function loop() {
    while (performance.now() < t1) {
      const n = sent++;
      const r = receipt(n);
      let begin = performance.now();
      if (settings.rate > 0) {
        // Open loop: request n is due at start + n/rate. Latency counts from when it was due, so
        // a collector that falls behind is charged for the wait (no coordinated omission).
        const due = start + (n * 1000) / settings.rate;
        if (due >= t1) break;
        if (due > begin) await new Promise((resolve) => setTimeout(resolve, due - begin));
        begin = due;
      }
      const status = await post(
        agent,
        url,
        JSON.stringify(r),
        spreadAddresses ? addressFor(n, settings.addresses) : null,
      );
      const end = performance.now();
      if (status === 204) ackedIds.add(r.id);
      if (end >= t0 && end <= t1) {
        latencies.push(end - begin);
        if (status === 204) measuredOk++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      } else if (status !== 204) {
        statuses.set(
          `${status} (outside the measured period)`,
          (statuses.get(`${status} (outside the measured period)`) ?? 0) + 1,
        );
      }
    }
  }
  await Promise.all(Array.from({ length: settings.concurrency }, loop));
  // An open loop can finish just before t1: take the closing CPU sample anyway.
  if (!cpuAtT1) await new Promise((resolve) => setTimeout(resolve, Math.max(0, t1 - performance.now()) + 5));
  marks.forEach(clearTimeout);
  agent.destroy();

  const sorted = Float64Array.from(latencies).sort();
  const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
  const errors = [...statuses].filter(([s]) => s !== 204).sort((a, b) => b[1] - a[1]);
  let cpu = null;
  if (cpuAtT0 && cpuAtT1) {
    const wallS = (cpuAtT1.wall - cpuAtT0.wall) / 1000;
    const c = (a, b) => ((b.user - a.user + b.system - a.system) / 1e6 / wallS) * 100;
    cpu = {
      client: c(cpuAtT0.client, cpuAtT1.client),
      // The collector's process, and every postgres process (its backends, WAL writer, …).
      server: ((cpuAtT1.proc.server - cpuAtT0.proc.server) / CLK_TCK / wallS) * 100,
      postgres: ((cpuAtT1.proc.postgres - cpuAtT0.proc.postgres) / CLK_TCK / wallS) * 100,
      machine:
        cpuAtT1.proc.machine && cpuAtT0.proc.machine ? busyShare(cpuAtT0.proc.machine, cpuAtT1.proc.machine) : null,
    };
    // Whatever else ran on the machine meanwhile (a noisy neighbour makes the numbers worse).
    cpu.other =
      cpu.machine === null
        ? null
        : Math.max(0, cpu.machine * os.availableParallelism() - cpu.server - cpu.postgres - cpu.client);
  }
  return {
    ackedIds,
    cpu,
    summary: {
      rate: measuredOk / settings.seconds,
      measured: latencies.length,
      sent,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      errors,
    },
  };
}

/** The n-th client address, over `count` distinct ones (10.0.0.0/8), round robin. */
function addressFor(n, count) {
  const k = n % count;
  return `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
}

/** CPU ticks of the collector and of postgres processes, and the machine's idle/total jiffies. */
function readProcCpu(serverPid) {
  const out = { server: 0, postgres: 0, machine: null };
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      if (Number(pid) === serverPid) out.server += ticks;
      else if (comm === 'postgres' || comm.startsWith('postgres')) out.postgres += ticks;
    }
    const cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpuLine[3] + (cpuLine[4] ?? 0);
    out.machine = { idle, total: cpuLine.reduce((a, b) => a + b, 0) };
  } catch {
    // not Linux: no CPU columns
  }
  return out;
}

function busyShare(a, b) {
  const total = b.total - a.total;
  return total > 0 ? (1 - (b.idle - a.idle) / total) * 100 : null;
}

function getJson(base, pathAndQuery) {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${pathAndQuery}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`GET ${pathAndQuery}: ${res.statusCode} ${text.slice(0, 200)}`));
          else resolve(JSON.parse(text));
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Report.

function describeMachine(dir) {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  let df = '';
  try {
    df = execFileSync('df', ['-h', dir], { encoding: 'utf8' }).trim().split('\n').pop().trim().split(/\s+/);
    df = `${df[0]} (${df[1]} size, ${df[3]} free, mounted on ${df[5]})`;
  } catch {
    df = 'unknown (df failed)';
  }
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    df,
    tmp: dir,
    pg: null,
  };
}

const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
const pct = (n) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : `${Math.round(n)} %`);

function renderReport(results, settings, machine, skipped, argv) {
  const lines = [];
  lines.push(
    settings.rate > 0
      ? `## yinyom-receipts at ${settings.rate} receipts/s offered (open loop)`
      : '## yinyom-receipts capacity (closed loop)',
  );
  lines.push('');
  lines.push(`- command: \`node receipts/bench/load.mjs${argv.length ? ' ' + argv.join(' ') : ''}\``);
  lines.push(`- date: ${new Date().toISOString()}`);
  lines.push(
    `- machine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ${machine.platform}; temp dir ${machine.tmp} on ${machine.df}`,
  );
  if (machine.pg)
    lines.push(
      `- database: ${machine.pg}; each run in a fresh schema (URL \`?options=-c search_path=…\`), dropped afterwards`,
    );
  lines.push(
    `- settings: ${settings.rate > 0 ? `open loop, ${settings.rate} receipts/s offered, at most ${settings.concurrency} in flight (latency from each request's due time)` : `${settings.concurrency} requests in flight`} (keep-alive), ${settings.warmup} s warm-up, ${settings.seconds} s measured; client and collector are separate processes on loopback and share the ${machine.cores} cores (with PostgreSQL when it is used)`,
  );
  lines.push(
    `- receipts: distinct (random UUID v4 ids), the widget's body (${Buffer.byteLength(JSON.stringify(receipt(1)))} bytes, text/plain, Origin ${ORIGIN}); CLI mode: \`--trust-proxy\` and ${settings.addresses} X-Forwarded-For addresses round robin, so the 60/10 s limiter runs but never answers 429`,
  );
  lines.push(
    '- receipts/s: 204s completed within the measured period ÷ its length; latency: request written → response end, requests completed within the measured period',
  );
  lines.push(
    '- stored: `SELECT count(*)` after the collector stopped (SIGTERM); every acknowledged id was also looked up in `GET /export?format=json`; lost = acknowledged − stored (warm-up and drain included)',
  );
  lines.push('');
  lines.push(
    '| run | receipts/s | p50 ms | p95 ms | p99 ms | max ms | errors (by status) | acknowledged (204) | stored | lost | collector CPU | PostgreSQL CPU | client CPU | other processes CPU |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const errors = r.errors.length ? r.errors.map(([s, n]) => `${s}: ${n}`).join(', ') : 'none';
    lines.push(
      `| ${r.label} | ${fmt(r.rate)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${errors} | ${fmt(r.acked)} | ${fmt(r.storedAfterStop)} | ${r.lost} | ${pct(r.cpu?.server)} | ${r.db === 'postgresql' ? pct(r.cpu?.postgres) : '–'} | ${pct(r.cpu?.client)} | ${pct(r.cpu?.other)} |`,
    );
  }
  lines.push('');
  lines.push(
    'CPU: share of one core over the measured period (100 % = one core, the machine has ' +
      machine.cores +
      "); other processes = the machine's busy time minus these three (anything else running meanwhile).",
  );
  lines.push('');
  for (const r of results) {
    const checks = [
      `GET /stats counted ${fmt(r.statsCount)}`,
      `GET /export returned ${fmt(r.exportedCount)} records in ${(r.exportMs / 1000).toFixed(1)} s, ${r.missing} acknowledged id(s) missing, ${r.unacknowledgedStored} stored without a 204`,
      r.db === 'postgresql'
        ? `pg_total_relation_size(receipts) ${(r.tableBytes / 1048576).toFixed(1)} MiB = ${fmt(r.rowBytes)} bytes per row (heap, TOAST and the three indexes)`
        : `database file + WAL ${(r.fileBytes / 1048576).toFixed(1)} MiB = ${fmt(r.rowBytes)} bytes per row`,
      `collector exit ${r.exit}`,
    ];
    lines.push(
      `- ${r.label}: ${checks.join('; ')}${r.serverLog.length ? `; log: ${r.serverLog.map((l) => `\`${l}\``).join(' ')}` : ''}`,
    );
  }
  for (const s of skipped) lines.push(`- skipped: ${s}`);
  lines.push('');
  // SQLite's own fsyncs show up here as kernel I/O threads (about 15 % of a core), hence the margin.
  const noisy = results.filter((r) => (r.cpu?.other ?? 0) > 25);
  if (noisy.length) {
    lines.push(
      `Warning: other processes used ${noisy.map((r) => `${pct(r.cpu.other)} of a core during "${r.label}"`).join(', ')}: those numbers are pessimistic; run again on a quiet machine.`,
    );
    lines.push('');
  }
  lines.push(goals(results, settings));
  return lines.join('\n');
}

function goals(results, settings) {
  const best = (db) => results.filter((r) => r.db === db);
  if (settings.rate > 0) {
    return results
      .map(
        (r) =>
          `- ${r.label}: ${r.rate >= settings.rate * 0.98 ? 'kept up with' : 'fell behind'} the ${fmt(settings.rate)} receipts/s offered (p99 ${ms(r.p99)} ms); loss ${r.lost === 0 ? 'none' : r.lost}`,
      )
      .join('\n');
  }
  const out = [
    'Goals (issue 15): SQLite ≥ 2 000 receipts/s with p99 ≤ 50 ms on two cores; PostgreSQL ≥ 1 000/s; zero loss.',
    '',
  ];
  for (const r of best('sqlite')) {
    out.push(
      `- ${r.label}: ${r.rate >= 2000 && r.p99 <= 50 ? 'met' : 'NOT met'} (${fmt(r.rate)}/s, p99 ${ms(r.p99)} ms); loss ${r.lost === 0 ? 'none' : r.lost}`,
    );
  }
  for (const r of best('postgresql')) {
    out.push(
      `- ${r.label}: ${r.rate >= 1000 ? 'met' : 'NOT met'} (${fmt(r.rate)}/s, p99 ${ms(r.p99)} ms); loss ${r.lost === 0 ? 'none' : r.lost}`,
    );
  }
  return out.join('\n');
}

function writeResults(report, openLoop) {
  // The closed-loop (capacity) and open-loop (latency at a given rate) reports keep a block each.
  const name = openLoop ? 'bench:receipts-rate' : 'bench:receipts';
  const begin = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const block = `${begin}\n${report}\n${end}`;
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  if (text.includes(begin) && text.includes(end)) {
    text = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
  } else if (text.includes('<!-- /bench:receipts')) {
    // After the last block of this script, before any text written by hand.
    const at = text.indexOf('-->', text.lastIndexOf('<!-- /bench:receipts')) + 3;
    text = `${text.slice(0, at)}\n\n${block}${text.slice(at)}`;
  } else {
    const head =
      '# yinyom-receipts load benchmark\n\nWritten by `npm run bench:receipts` (receipts/bench/load.mjs) between the markers; the rest is kept.\n';
    const rest = text.startsWith(head) ? text.slice(head.length) : text;
    text = `${head}\n${block}\n${rest.trim() ? '\n' + rest.trimStart() : ''}`;
  }
  writeFileSync(RESULTS, text);
}

// ---------------------------------------------------------------------------------------------
// Entry point, last so that every constant above is initialised. Child mode: `load.mjs --serve-api '<json>'` runs createServer without the rate limiter and
// prints the same first line as the CLI.
if (process.argv[2] === '--serve-api') {
  const config = JSON.parse(process.argv[3]);
  const { createServer } = await import(SERVER);
  const server = await createServer({
    ...config,
    rateLimit: false,
    log: (line) => process.stderr.write(`yinyom-receipts: ${line}\n`),
  });
  process.stdout.write(`yinyom-receipts: ${server.url}\n`);
  const stop = () =>
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await main();
}
