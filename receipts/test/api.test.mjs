// HTTP API tests on SQLite in a temporary folder, through dist/server.js.
import assert from 'node:assert/strict';
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createServer, openSqliteStore } from '../dist/server.js';

const TOKEN = 'test-admin-token-0123456789abcdef';
const NOW = new Date('2026-06-15T12:00:00.000Z');
const ORIGIN = 'https://www.example.go.th';

let dir;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yinyom-receipts-api-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function receipt(overrides = {}) {
  return {
    id: uuid(++counter),
    revision: '2026-01',
    language: 'th',
    givenAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-02T09:30:00.000Z',
    method: 'custom',
    categories: { necessary: true, functional: true, analytics: false },
    page: 'https://www.example.go.th/services',
    source: 'banner',
    event: 'first',
    ...overrides,
  };
}

async function start(options = {}) {
  return createServer({
    db: join(dir, `db-${++counter}.sqlite`),
    adminToken: TOKEN,
    port: 0,
    now: () => NOW,
    log: () => {},
    ...options,
  });
}

/** A raw HTTP request (fetch cannot send every header or body shape these tests need). */
function request(url, { method = 'GET', headers = {}, body, chunks } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (chunks) {
      for (const c of chunks) req.write(c);
      req.end();
    } else {
      req.end(body);
    }
  });
}

const post = (server, body, headers = {}) =>
  request(`${server.url}/receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const admin = (server, path, token = TOKEN) =>
  request(`${server.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('POST /receipts', () => {
  let server;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  test('a valid receipt is stored: 204, no body, no-store', async () => {
    const r = receipt({ policyUrl: '/privacy', noticeDigest: 'sha256-' + 'x'.repeat(43) });
    const res = await post(server, r, { Origin: ORIGIN });
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
    assert.match(res.headers.vary, /Origin/);
    const lookup = await admin(server, `/receipts/${r.id}`);
    assert.equal(lookup.status, 200);
    assert.deepEqual(lookup.json, { id: r.id, records: [{ ...r, receivedAt: NOW.toISOString() }] });
  });

  test('application/json is accepted too', async () => {
    const res = await post(server, receipt(), { 'Content-Type': 'application/json' });
    assert.equal(res.status, 204);
  });

  test('the same receipt twice: both 204, stored once', async () => {
    const r = receipt();
    assert.equal((await post(server, r)).status, 204);
    assert.equal((await post(server, r)).status, 204);
    const lookup = await admin(server, `/receipts/${r.id}`);
    assert.equal(lookup.json.records.length, 1);
  });

  test('400 names the field', async () => {
    const cases = [
      [receipt({ ip: '192.0.2.1' }), 'ip'],
      [receipt({ categories: { necessary: true, analytics: 'yes' } }), 'categories.analytics'],
      [receipt({ page: 'https://www.example.go.th/?email=a@b.c' }), 'page'],
      [{ ...receipt(), id: undefined }, 'id'],
      ['{"id":', 'body'],
      ['', 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await post(server, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.field, field);
      assert.equal(typeof res.json.error, 'string');
      assert.match(res.headers['content-type'], /^application\/json/);
    }
  });

  test('413 beyond 4096 bytes, by Content-Length or while reading', async () => {
    const big = JSON.stringify(receipt({ revision: 'x'.repeat(200), page: 'https://e.go.th/' + 'a'.repeat(2000) }));
    const padded = big + ' '.repeat(4097 - Buffer.byteLength(big));
    const res = await post(server, padded);
    assert.equal(res.status, 413);
    assert.match(res.json.error, /4096/);
    const chunked = await request(`${server.url}/receipts`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      chunks: ['{"id":"', 'x'.repeat(3000), 'x'.repeat(3000), '"}'],
    });
    assert.equal(chunked.status, 413);
    // Exactly 4096 bytes is still read and accepted.
    const exact = await post(server, big + ' '.repeat(4096 - Buffer.byteLength(big)));
    assert.equal(exact.status, 204);
  });

  test('415 for other content types', async () => {
    for (const type of [
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain; charset=latin1',
    ]) {
      const res = await post(server, receipt(), { 'Content-Type': type });
      assert.equal(res.status, 415, type);
      assert.equal(typeof res.json.error, 'string');
    }
    const none = await request(`${server.url}/receipts`, { method: 'POST', body: JSON.stringify(receipt()) });
    assert.equal(none.status, 415);
  });

  test('OPTIONS preflight: 204 with the CORS headers', async () => {
    const res = await request(`${server.url}/receipts`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(res.headers['access-control-allow-methods'], 'POST');
    assert.equal(res.headers['access-control-allow-headers'], 'Content-Type');
    assert.equal(res.headers['access-control-max-age'], '86400');
    assert.match(res.headers.vary, /Origin/);
  });

  test('no Access-Control-Allow-Origin without an Origin', async () => {
    const res = await post(server, receipt());
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });
});

describe('--origin allow-list', () => {
  let server;
  before(async () => {
    server = await start({ origins: [ORIGIN, 'http://localhost:8080'] });
  });
  after(() => server.close());

  test('an allowed Origin: 204 with its CORS header', async () => {
    const res = await post(server, receipt(), { Origin: 'http://localhost:8080' });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:8080');
  });

  test('another Origin, or none: 403 and nothing stored', async () => {
    const r = receipt();
    for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' }, {}]) {
      const res = await post(server, r, headers);
      assert.equal(res.status, 403);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      assert.equal(typeof res.json.error, 'string');
    }
    assert.equal((await admin(server, `/receipts/${r.id}`)).status, 404);
    const preflight = await request(`${server.url}/receipts`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(preflight.status, 403);
  });
});

describe('rate limit', () => {
  test('429 with Retry-After past the limit', async () => {
    let clock = NOW.getTime();
    const server = await start({ rateLimit: { limit: 3, windowMs: 10_000 }, now: () => new Date(clock) });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await post(server, receipt())).status, 204);
      const refused = await post(server, receipt(), { Origin: ORIGIN });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers['retry-after'], '10');
      assert.equal(refused.headers['access-control-allow-origin'], ORIGIN);
      clock += 4_000;
      assert.equal((await post(server, receipt())).headers['retry-after'], '6');
      clock += 6_000;
      assert.equal((await post(server, receipt())).status, 204);
    } finally {
      await server.close();
    }
  });
});

describe('admin endpoints', () => {
  let server;
  const id = uuid(999_001);
  const day = (d, h = 10) => `2026-06-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;
  const dataset = [
    // 2026-06-10: 3 choices
    receipt({
      id,
      updatedAt: day(10, 9),
      givenAt: day(10, 9),
      method: 'accept-all',
      categories: { necessary: true, functional: true, analytics: true, marketing: true },
    }),
    receipt({
      updatedAt: day(10),
      givenAt: day(1),
      method: 'reject-all',
      categories: { necessary: true, functional: false, analytics: false, marketing: false },
    }),
    receipt({
      updatedAt: day(10, 23),
      givenAt: day(1),
      method: 'custom',
      categories: { necessary: true, analytics: true },
    }),
    // 2026-06-11: 1 choice, only necessary offered
    receipt({ updatedAt: day(11), givenAt: day(11), method: 'accept-all', categories: { necessary: true } }),
    // 2026-06-12: a later change of the first id
    receipt({
      id,
      updatedAt: day(12),
      givenAt: day(10, 9),
      method: 'custom',
      event: 'withdrawal',
      categories: { necessary: true, functional: true, analytics: false, marketing: false },
    }),
    // 2026-06-13: a record whose texts start with spreadsheet formula characters
    receipt({
      updatedAt: day(13),
      givenAt: day(13),
      revision: '=HYPERLINK("https://evil.example","x")',
      policyUrl: "/p,'q'",
      method: 'reject-all',
      categories: { necessary: true },
    }),
  ];

  before(async () => {
    server = await start();
    // Sent in a shuffled order: lookup and export sort by updatedAt.
    for (const r of [dataset[4], dataset[2], dataset[0], dataset[5], dataset[1], dataset[3]]) {
      assert.equal((await post(server, r)).status, 204);
    }
  });
  after(() => server.close());

  test('401 without or with a wrong token', async () => {
    for (const path of [`/receipts/${id}`, '/stats', '/export', '/export?format=json']) {
      for (const token of [null, 'wrong', TOKEN + 'x', TOKEN.slice(0, -1)]) {
        const res = await admin(server, path, token);
        assert.equal(res.status, 401, `${path} ${token}`);
        assert.match(res.headers['www-authenticate'], /^Bearer/);
        assert.equal(typeof res.json.error, 'string');
      }
    }
    const basic = await request(`${server.url}/stats`, { headers: { Authorization: `Basic ${TOKEN}` } });
    assert.equal(basic.status, 401);
  });

  test('GET /receipts/:id: every record, oldest first', async () => {
    const res = await admin(server, `/receipts/${id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.id, id);
    assert.deepEqual(
      res.json.records.map((r) => r.updatedAt),
      [day(10, 9), day(12)],
    );
    assert.deepEqual(res.json.records[1], { ...dataset[4], receivedAt: NOW.toISOString() });
  });

  test('GET /receipts/:id: 404 when none, 400 for a malformed id', async () => {
    const none = await admin(server, `/receipts/${uuid(123_456_789)}`);
    assert.equal(none.status, 404);
    assert.equal(typeof none.json.error, 'string');
    for (const bad of ['nope', '00000000-0000-4000-8000-00000000000A', '%27%20OR%201=1']) {
      const res = await admin(server, `/receipts/${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.json.field, 'id');
    }
  });

  test('GET /stats: per-day numbers of a known data set', async () => {
    const res = await admin(server, '/stats?from=2026-06-09&to=2026-06-13');
    assert.equal(res.status, 200);
    assert.equal(res.json.from, '2026-06-09');
    assert.equal(res.json.to, '2026-06-13');
    const none = { functional: null, analytics: null, marketing: null };
    assert.deepEqual(res.json.days, [
      { day: '2026-06-09', choices: 0, methods: { 'accept-all': 0, 'reject-all': 0, custom: 0 }, granted: none },
      {
        day: '2026-06-10',
        choices: 3,
        methods: { 'accept-all': 1, 'reject-all': 1, custom: 1 },
        granted: { functional: 0.5, analytics: 2 / 3, marketing: 0.5 },
      },
      { day: '2026-06-11', choices: 1, methods: { 'accept-all': 1, 'reject-all': 0, custom: 0 }, granted: none },
      {
        day: '2026-06-12',
        choices: 1,
        methods: { 'accept-all': 0, 'reject-all': 0, custom: 1 },
        granted: { functional: 1, analytics: 0, marketing: 0 },
      },
      { day: '2026-06-13', choices: 1, methods: { 'accept-all': 0, 'reject-all': 1, custom: 0 }, granted: none },
    ]);
  });

  test('GET /stats: the last 30 days by default, at most 366, dates checked', async () => {
    const res = await admin(server, '/stats');
    assert.equal(res.status, 200);
    assert.equal(res.json.to, '2026-06-15');
    assert.equal(res.json.from, '2026-05-17');
    assert.equal(res.json.days.length, 30);
    assert.equal(
      res.json.days.reduce((n, d) => n + d.choices, 0),
      dataset.length,
    );
    assert.equal((await admin(server, '/stats?from=2025-06-15&to=2026-06-15')).status, 200); // 366 days
    const tooLong = await admin(server, '/stats?from=2025-06-14&to=2026-06-15');
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.json.field, 'to');
    for (const [q, field] of [
      ['from=2026-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['to=2026-6-1', 'to'],
      ['from=2026-06-10&to=2026-06-09', 'from'],
    ]) {
      const r = await admin(server, `/stats?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.json.field, field, q);
    }
  });

  test('GET /export CSV: header, rows by updatedAt, RFC 4180 quoting, formula guard', async () => {
    const res = await admin(server, '/export?from=2026-06-10&to=2026-06-13&format=csv');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
    assert.equal(
      res.headers['content-disposition'],
      'attachment; filename="yinyom-receipts-2026-06-10-2026-06-13.csv"',
    );
    assert.equal(res.headers['cache-control'], 'no-store');
    const lines = res.text.split('\r\n');
    assert.equal(lines.at(-1), '', 'ends with CRLF');
    assert.equal(
      lines[0],
      'id,updatedAt,givenAt,revision,language,method,necessary,functional,analytics,marketing,page,policyUrl,source,event,noticeDigest,receivedAt',
    );
    assert.equal(lines.length, 1 + dataset.length + 1);
    const sorted = [...dataset].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    assert.deepEqual(
      lines.slice(1, -1).map((l) => l.split(',')[1]),
      sorted.map((r) => r.updatedAt),
    );
    assert.equal(
      lines[2],
      `${dataset[1].id},${day(10)},${day(1)},2026-01,th,reject-all,true,false,false,false,https://www.example.go.th/services,,banner,first,,${NOW.toISOString()}`,
    );
    assert.equal(
      lines[3],
      `${dataset[2].id},${day(10, 23)},${day(1)},2026-01,th,custom,true,,true,,https://www.example.go.th/services,,banner,first,,${NOW.toISOString()}`,
    );
    // The formula is neutralised with an apostrophe and quoted (it holds quotes and a comma).
    assert.equal(lines[6].split(',')[3], `"'=HYPERLINK(""https://evil.example""`);
    assert.ok(lines[6].includes(`"'=HYPERLINK(""https://evil.example"",""x"")",th,`));
    assert.ok(lines[6].includes(`,"/p,'q'",`));
  });

  test('GET /export JSON: ISO/IEC TS 27560-aligned records', async () => {
    const res = await admin(server, '/export?from=2026-06-10&to=2026-06-12&format=json');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.equal(
      res.headers['content-disposition'],
      'attachment; filename="yinyom-receipts-2026-06-10-2026-06-12.json"',
    );
    const records = JSON.parse(res.text);
    assert.equal(records.length, 5);
    assert.deepEqual(records[0], {
      recordId: `${id}/${day(10, 9)}`,
      piiPrincipalId: id,
      consentTimestamp: day(10, 9),
      firstConsentTimestamp: day(10, 9),
      noticeVersion: '2026-01',
      noticeDigest: null,
      language: 'th',
      purposes: [
        { purpose: 'necessary', consented: true },
        { purpose: 'functional', consented: true },
        { purpose: 'analytics', consented: true },
        { purpose: 'marketing', consented: true },
      ],
      method: 'accept-all',
      event: 'first',
      source: 'banner',
      collectionUrl: 'https://www.example.go.th/services',
      privacyPolicyUrl: null,
      receivedAt: NOW.toISOString(),
    });
    assert.deepEqual(records[2].purposes, [
      { purpose: 'necessary', consented: true },
      { purpose: 'analytics', consented: true },
    ]);
  });

  test('GET /export: an empty range is a valid empty file; bad format is 400', async () => {
    const csv = await admin(server, '/export?from=2021-01-01&to=2021-01-02');
    assert.equal(csv.status, 200);
    assert.equal(csv.text.split('\r\n').length, 2);
    const json = await admin(server, '/export?from=2021-01-01&to=2021-01-02&format=json');
    assert.deepEqual(JSON.parse(json.text), []);
    const bad = await admin(server, '/export?format=xlsx');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, 'format');
  });
});

describe('export streams many rows in batches', () => {
  test('1234 rows, many sharing one updatedAt, all exported once and in order', async () => {
    const db = join(dir, 'many.sqlite');
    const store = openSqliteStore(db);
    const expected = [];
    for (let i = 0; i < 1234; i++) {
      const r = receipt({
        id: uuid(500_000 + i),
        updatedAt: `2026-06-0${1 + (i % 3)}T00:00:00.000Z`,
        givenAt: '2026-05-01T00:00:00.000Z',
      });
      await store.insert(r, NOW);
      expected.push(`${r.updatedAt}|${r.id}`);
    }
    expected.sort();
    const server = await start({ store });
    try {
      const res = await admin(server, '/export?from=2026-06-01&to=2026-06-03&format=json');
      const got = JSON.parse(res.text).map((r) => `${r.consentTimestamp}|${r.piiPrincipalId}`);
      assert.deepEqual(got, expected);
      const csv = await admin(server, '/export?from=2026-06-01&to=2026-06-03');
      assert.equal(csv.text.split('\r\n').length, 1234 + 2);
    } finally {
      await server.close();
      await store.close(); // the caller's store stays open after server.close()
    }
  });
});

describe('retention', () => {
  test('rows older than retention-days (by updatedAt) are deleted at start', async () => {
    const db = join(dir, 'retention.sqlite');
    const first = await start({ db });
    const old = receipt({ givenAt: '2020-03-01T00:00:00.000Z', updatedAt: '2020-03-01T00:00:00.000Z' });
    const edge = receipt({ givenAt: '2025-06-01T00:00:00.000Z', updatedAt: '2025-06-15T12:00:00.000Z' }); // exactly 365 days old
    const recent = receipt();
    for (const r of [old, edge, recent]) assert.equal((await post(first, r)).status, 204);
    await first.close();

    const second = await start({ db, retentionDays: 365 });
    try {
      assert.equal((await admin(second, `/receipts/${old.id}`)).status, 404);
      assert.equal((await admin(second, `/receipts/${edge.id}`)).status, 200);
      assert.equal((await admin(second, `/receipts/${recent.id}`)).status, 200);
    } finally {
      await second.close();
    }
    const third = await start({ db, retentionDays: 364 });
    try {
      assert.equal((await admin(third, `/receipts/${edge.id}`)).status, 404);
      assert.equal((await admin(third, `/receipts/${recent.id}`)).status, 200);
    } finally {
      await third.close();
    }
  });
});

describe('health, admin page, unknown paths', () => {
  let server;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  test('GET /health: 200 with the database kind, no auth', async () => {
    const res = await request(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { ok: true, database: 'sqlite' });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('GET /health: 503 when the database cannot be reached', async () => {
    const store = openSqliteStore(':memory:');
    const broken = {
      ...store,
      kind: 'sqlite',
      ping: () => Promise.reject(new Error('down')),
      close: () => store.close(),
    };
    const s = await start({ store: broken });
    try {
      const res = await request(`${s.url}/health`);
      assert.equal(res.status, 503);
      assert.equal(res.json.ok, false);
    } finally {
      await s.close();
      await store.close();
    }
  });

  test('unknown path 404 JSON; wrong method 405 JSON with Allow', async () => {
    const missing = await request(`${server.url}/nope`);
    assert.equal(missing.status, 404);
    assert.equal(typeof missing.json.error, 'string');
    assert.equal(missing.headers['cache-control'], 'no-store');
    for (const [method, path] of [
      ['GET', '/receipts'],
      ['PUT', '/receipts'],
      ['DELETE', `/receipts/${uuid(1)}`],
      ['POST', '/stats'],
      ['POST', '/export'],
      ['POST', '/health'],
      ['POST', '/admin'],
    ]) {
      const res = await request(`${server.url}${path}`, { method });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.ok(res.headers.allow);
      assert.equal(typeof res.json.error, 'string');
    }
  });

  test('/admin: served without auth, with CSP and the other headers (needs the admin/ files)', async (t) => {
    const res = await request(`${server.url}/admin`);
    if (res.status === 404) {
      t.skip(`receipts/admin/ is not complete yet: ${res.json?.error}`);
      return;
    }
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.equal(
      res.headers['content-security-policy'],
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['cache-control'], 'no-store');
    for (const [path, type] of [
      ['/admin/', /^text\/html/],
      ['/admin/index.html', /^text\/html/],
      ['/admin/admin.js', /^text\/javascript/],
      ['/admin/admin.css', /^text\/css/],
    ]) {
      const r = await request(`${server.url}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers['content-type'], type);
      assert.ok(r.headers['content-security-policy']);
    }
  });

  test('/admin: other names are 404, never files outside the folder', async () => {
    for (const path of [
      '/admin/../package.json',
      '/admin/%2e%2e/package.json',
      '/admin/.hidden.js',
      '/admin/sub/x.js',
      '/admin/x.txt',
      '/admin/nope.js',
    ]) {
      const res = await request(`${server.url}${path}`);
      assert.equal(res.status, 404, path);
    }
  });

  test('/admin: a missing admin/ folder or file is a 404 saying the package is incomplete', async () => {
    const partial = join(dir, 'partial-admin');
    await mkdir(partial);
    await writeFile(join(partial, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(partial, 'admin.js'), '');
    for (const adminDir of [join(dir, 'no-such-folder'), partial]) {
      const s = await start({ adminDir });
      try {
        const res = await request(`${s.url}/admin`);
        assert.equal(res.status, 404);
        assert.match(res.json.error, /incomplete/);
        assert.ok(res.headers['content-security-policy']);
      } finally {
        await s.close();
      }
    }
  });
});

describe('close()', () => {
  test('waits for a receipt in flight, then the store is closed', async () => {
    const server = await start();
    const r = receipt();
    const body = JSON.stringify(r);
    // Send the headers and half of the body, start closing, then send the rest.
    const pending = new Promise((resolve, reject) => {
      const req = http.request(`${server.url}/receipts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.write(body.slice(0, 50));
      setTimeout(() => {
        closing = server.close();
        setTimeout(() => req.end(body.slice(50)), 50);
      }, 50);
    });
    let closing;
    assert.equal(await pending, 204);
    await closing;
    await assert.rejects(() => server.store.ping());
  });
});
