// kill -9 for real: the collector (node dist/cli.js, SQLite) is killed with SIGKILL while 8
// senders stream valid receipts at it; it is restarted on the same file, and every receipt it
// had acknowledged with 204 must be there, exactly once. Three kill cycles on one database: the
// collector restarted after a kill is checked, then streamed at and killed in the next cycle;
// the last one is stopped with SIGTERM (exit 0) and the file's integrity is checked.
//
// The CLI has no flag for the per-client rate limit (60 receipts per 10 s), so it is started
// with --trust-proxy and every request carries its own X-Forwarded-For address: the limiter
// then sees many clients and never answers 429 (a 429 would be counted, and is not expected).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID, randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const TOKEN = 'crash-test-admin-token-0123456789';
const SENDERS = 8;
const CYCLES = 3;
/** A cycle's kill comes after this many acknowledgements or this many ms, whichever is first. */
const KILL_AFTER_ACKS = 300;
const KILL_AFTER_MS = 1000;

/** Every collector this file started: killed in the end whatever happens. */
const children = new Set();

/** Starts the CLI; resolves once its first stdout line (the URL) is out. */
function startCollector(dbPath) {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--db', dbPath, '--admin-token', TOKEN, '--trust-proxy'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: [], stderr: '' };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (output.stderr += d));
  children.add(child);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  const lines = createInterface({ input: child.stdout });
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL on stdout within 15 s; stderr: ${output.stderr}`)), 15_000);
    lines.on('line', (line) => {
      output.stdout.push(line);
      if (output.stdout.length === 1) {
        clearTimeout(timer);
        const m = /^yinyom-receipts: (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
        if (!m || m[2] === '0')
          reject(new Error(`first stdout line is not "yinyom-receipts: http://HOST:PORT": ${JSON.stringify(line)}`));
        else resolve(m[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the collector exited (${code ?? signal}) before printing its URL; stderr: ${output.stderr}`));
    });
  });
  return url.then(
    (base) => ({ child, base, exited, output }),
    (error) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
}

function request(url, { method = 'GET', headers = {}, body, agent } = {}) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const h = { ...headers };
    if (body !== undefined) h['Content-Length'] = String(body.length);
    const req = http.request({
      hostname: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method,
      headers: h,
      agent: agent ?? false,
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ error }));
    });
    req.on('error', (error) => resolve({ error }));
    req.end(body);
  });
}

const auth = { Authorization: `Bearer ${TOKEN}` };
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const keyOf = (r) => `${r.id}/${r.updatedAt}`;

let forwarded = 0;
/** A new client address per request (10.x.y.z), so the rate limiter never applies. */
const nextAddress = () => {
  const n = ++forwarded;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

function post(base, receipt, agent) {
  return request(`${base}/receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'X-Forwarded-For': nextAddress() },
    body: Buffer.from(JSON.stringify(receipt)),
    agent,
  });
}

/** Every stored record, through GET /export?format=json; recordId → count. */
async function exported(base, from, to) {
  const res = await request(`${base}/export?from=${from}&to=${to}&format=json`, { headers: auth });
  assert.equal(res.status, 200, `GET /export answered ${res.status} ${res.body ?? res.error}`);
  const records = JSON.parse(res.body);
  const counts = new Map();
  for (const r of records) counts.set(r.recordId, (counts.get(r.recordId) ?? 0) + 1);
  return { records, counts };
}

test(
  'kill -9 mid-stream loses no acknowledged receipt and duplicates none (3 cycles)',
  { timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'yinyom-crash-'));
    const dbPath = join(dir, 'r.sqlite');
    t.after(() => {
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    const started = Date.now();
    const from = day(started - 2 * 86_400_000);
    const to = day(started + 2 * 86_400_000);
    let seq = 0;
    /** A new receipt: a new consent, or ~1 in 5 a later change of one already sent (same id). */
    const sentReceipts = []; // every receipt ever sent, by key
    const sentByKey = new Map();
    const newReceipt = () => {
      const n = ++seq;
      // Distinct updatedAt per receipt (1 ms apart), an hour in the past, so (id, updatedAt) is unique.
      const updatedAt = new Date(started - 3_600_000 + n).toISOString();
      const prior = sentReceipts.length > 0 && n % 5 === 0 ? sentReceipts[(n * 7919) % sentReceipts.length] : null;
      const method = ['accept-all', 'reject-all', 'custom'][n % 3];
      const cat = (i) => (method === 'accept-all' ? true : method === 'reject-all' ? false : ((n >> i) & 1) === 1);
      const r = {
        id: prior ? prior.id : randomUUID(),
        revision: `rev-${n % 4}`,
        language: n % 2 ? 'th' : 'en',
        givenAt: prior ? prior.givenAt : new Date(started - 7_200_000).toISOString(),
        updatedAt,
        method,
        categories: { necessary: true, functional: cat(0), analytics: cat(1), marketing: cat(2) },
        page: 'https://www.example.go.th/th/',
        policyUrl: '/privacy',
        source: prior ? 'preferences' : 'banner',
        event: prior ? 'change' : 'first',
        noticeDigest: 'sha256-' + randomBytes(32).toString('base64url'),
      };
      sentReceipts.push(r);
      sentByKey.set(keyOf(r), r);
      return r;
    };

    const acked = new Set(); // keys acknowledged with 204, over all cycles
    const figures = [];

    // The collector restarted after a kill is the one the next cycle streams at and kills.
    let current = await startCollector(dbPath);
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const { child, base, exited } = current;
      const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
      const f = { cycle, sent: 0, resent: 0, acknowledged: 0, otherStatus: {}, unanswered: 0 };
      let killed = false;
      let killAt;
      const killNow = () => {
        if (killed) return;
        killed = true;
        killAt = Date.now();
        child.kill('SIGKILL');
      };
      const timer = setTimeout(killNow, KILL_AFTER_MS);
      const cycleStart = Date.now();

      await Promise.all(
        Array.from({ length: SENDERS }, async (_, s) => {
          for (let i = 0; !killed; i++) {
            // ~1 in 8: re-send a receipt already acknowledged (a duplicate under load).
            const resend = acked.size > 0 && (i + s) % 8 === 7;
            const r = resend ? sentByKey.get([...acked][(i * 31 + s) % acked.size]) : newReceipt();
            if (resend) f.resent++;
            else f.sent++;
            const res = await post(base, r, agent);
            if (res.status === 204) {
              acked.add(keyOf(r));
              if (!resend && ++f.acknowledged >= KILL_AFTER_ACKS) killNow();
            } else if (res.status !== undefined) {
              f.otherStatus[res.status] = (f.otherStatus[res.status] ?? 0) + 1;
            } else {
              f.unanswered++; // in flight when the process died: may or may not be stored
              if (!killed) throw new Error(`cycle ${cycle}: a request failed before the kill: ${res.error?.message}`);
            }
          }
        }),
      );
      clearTimeout(timer);
      agent.destroy();
      const exit = await exited;
      assert.equal(children.size, 0, `cycle ${cycle}: another collector is still running`);
      assert.equal(
        exit.signal,
        'SIGKILL',
        `cycle ${cycle}: the collector was not killed by SIGKILL: ${JSON.stringify(exit)}`,
      );
      assert.deepEqual(
        f.otherStatus,
        {},
        `cycle ${cycle}: answers other than 204 before the kill: ${JSON.stringify(f.otherStatus)}`,
      );
      f.msBeforeKill = killAt - cycleStart;

      // Restart on the same file and look.
      current = await startCollector(dbPath);
      const { records, counts } = await exported(current.base, from, to);
      const lost = [...acked].filter((k) => !counts.has(k));
      const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
      const phantom = [...counts.keys()].filter((k) => !sentByKey.has(k));
      f.ackedTotal = acked.size;
      f.storedTotal = records.length;
      f.storedUnacknowledged = [...counts.keys()].filter((k) => !acked.has(k)).length;
      f.lost = lost.length;
      f.duplicates = duplicated.length;
      assert.equal(
        lost.length,
        0,
        `cycle ${cycle}: ${lost.length} acknowledged receipts are missing after kill -9, e.g. ${lost.slice(0, 3)}`,
      );
      assert.equal(
        duplicated.length,
        0,
        `cycle ${cycle}: ${duplicated.length} receipts stored more than once, e.g. ${duplicated.slice(0, 3)}`,
      );
      assert.equal(phantom.length, 0, `cycle ${cycle}: stored records that were never sent: ${phantom.slice(0, 3)}`);
      // Stored but never acknowledged: only the few in flight at each kill may be.
      assert.ok(
        f.storedUnacknowledged <= SENDERS * cycle,
        `cycle ${cycle}: ${f.storedUnacknowledged} stored receipts were never acknowledged`,
      );

      // Stored as sent: a sample through GET /receipts/:id.
      const sample = [...acked].filter((_, i) => i % 37 === 0).slice(0, 25);
      for (const key of sample) {
        const r = sentByKey.get(key);
        const res = await request(`${current.base}/receipts/${r.id}`, { headers: auth });
        assert.equal(res.status, 200, `cycle ${cycle}: GET /receipts/${r.id} answered ${res.status}`);
        const matching = JSON.parse(res.body).records.filter((x) => x.updatedAt === r.updatedAt);
        assert.equal(matching.length, 1, `cycle ${cycle}: ${matching.length} records of ${key}`);
        const { receivedAt, ...stored } = matching[0];
        assert.ok(!Number.isNaN(Date.parse(receivedAt)));
        assert.deepEqual(stored, r, `cycle ${cycle}: ${key} is not stored as sent`);
      }

      // Re-send some acknowledged receipts to the restarted collector: 204, still stored once.
      const again = [...acked].filter((_, i) => i % 23 === 0).slice(0, 20);
      for (const key of again) {
        const res = await post(current.base, sentByKey.get(key));
        assert.equal(res.status, 204, `cycle ${cycle}: re-sending ${key} answered ${res.status} ${res.body}`);
      }
      const after = await exported(current.base, from, to);
      for (const key of again)
        assert.equal(
          after.counts.get(key),
          1,
          `cycle ${cycle}: ${key} stored ${after.counts.get(key)} times after a re-send`,
        );
      assert.equal(after.records.length, records.length, `cycle ${cycle}: re-sending acknowledged receipts added rows`);
      f.resentAfterRestart = again.length;

      figures.push(f);
      console.log(
        `crash.test.mjs: cycle ${cycle}: killed after ${f.msBeforeKill} ms; new receipts sent ${f.sent}, acknowledged ${f.acknowledged}, ` +
          `in flight at the kill ${f.unanswered}, duplicates re-sent under load ${f.resent}; after restart: acknowledged so far ${f.ackedTotal}, ` +
          `stored ${f.storedTotal} (${f.storedUnacknowledged} stored without an acknowledgement), lost ${f.lost}, duplicates ${f.duplicates}, ` +
          `${f.resentAfterRestart} re-sent after restart still stored once`,
      );

      if (cycle < CYCLES) continue;
      // Last: a clean stop (SIGTERM → exit 0), then the file itself must be sound.
      current.child.kill('SIGTERM');
      const stop = await current.exited;
      assert.equal(
        stop.code,
        0,
        `SIGTERM: the collector exited with ${JSON.stringify(stop)}; stderr: ${current.output.stderr}`,
      );
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        assert.equal(db.prepare('SELECT COUNT(*) AS n FROM receipts').get().n, after.records.length);
      } finally {
        db.close();
      }
    }

    const total = figures.reduce(
      (a, f) => ({
        sent: a.sent + f.sent,
        acknowledged: a.acknowledged + f.acknowledged,
        inFlight: a.inFlight + f.unanswered,
        resent: a.resent + f.resent,
      }),
      { sent: 0, acknowledged: 0, inFlight: 0, resent: 0 },
    );
    const last = figures[figures.length - 1];
    console.log(
      `crash.test.mjs: ${CYCLES} kill -9 cycles: sent ${total.sent}, acknowledged ${total.acknowledged} (${acked.size} distinct), ` +
        `in flight at kills ${total.inFlight}, stored ${last.storedTotal}, lost ${last.lost}, duplicates ${last.duplicates}`,
    );
  },
);
