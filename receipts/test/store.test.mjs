// The same store tests on SQLite (always) and PostgreSQL (when YINYOM_TEST_DATABASE_URL names a
// reachable server; each run works in a fresh schema, dropped afterwards), plus the HTTP API on
// PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createServer, openPostgresStore, openSqliteStore } from '../dist/server.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const TOKEN = 'store-test-token-0123456789';
let counter = 0;
const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function receipt(overrides = {}) {
  return {
    id: uuid(++counter),
    revision: '2026-01',
    language: 'th',
    givenAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-02T09:30:00.123Z',
    method: 'custom',
    categories: { necessary: true, functional: true, analytics: false },
    page: 'https://www.example.go.th/services',
    ...overrides,
  };
}

async function collect(iterable) {
  const rows = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}

/**
 * The store contract. `backend()` resolves to { open(): Promise<Store>, skip?: string } once the
 * suite's before() has run.
 */
function storeSuite(name, backend) {
  describe(`${name} store`, () => {
    let store;
    let ctx;
    before(async () => {
      ctx = await backend();
      if (!ctx.skip) store = await ctx.open();
    });
    after(async () => {
      await store?.close();
    });
    const it = (title, fn) =>
      test(title, async (t) => {
        if (ctx.skip) {
          t.skip(ctx.skip);
          return;
        }
        await fn();
      });

    it('kind names the database', () => {
      assert.equal(store.kind, name);
    });

    it('insert: stored once; a duplicate (same id and updatedAt) is not a new row', async () => {
      const r = receipt({
        policyUrl: '/privacy',
        source: 'banner',
        event: 'first',
        noticeDigest: 'sha256-' + 'Ab_-'.repeat(10) + 'xyz',
      });
      assert.equal(await store.insert(r, NOW), true);
      assert.equal(await store.insert(r, new Date(NOW.getTime() + 1000)), false);
      assert.deepEqual(await store.byId(r.id), [{ ...r, receivedAt: NOW.toISOString() }]);
    });

    it('insert: the same receipt sent concurrently is stored exactly once', async () => {
      const r = receipt();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.insert(r, NOW)));
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal((await store.byId(r.id)).length, 1);
    });

    it('byId: oldest first; absent optional fields and categories stay absent', async () => {
      const id = uuid(900_000 + counter);
      const later = receipt({ id, updatedAt: '2026-06-03T00:00:00.000Z', categories: { necessary: true } });
      const earlier = receipt({
        id,
        updatedAt: '2026-06-02T23:59:59.999Z',
        categories: { necessary: true, marketing: false },
      });
      await store.insert(later, NOW);
      await store.insert(earlier, NOW);
      const records = await store.byId(id);
      assert.deepEqual(
        records.map((r) => r.updatedAt),
        ['2026-06-02T23:59:59.999Z', '2026-06-03T00:00:00.000Z'],
      );
      assert.deepEqual(records[0].categories, { necessary: true, marketing: false });
      assert.deepEqual(records[1].categories, { necessary: true });
      for (const key of ['policyUrl', 'source', 'event', 'noticeDigest']) assert.ok(!(key in records[1]), key);
      assert.deepEqual(await store.byId(uuid(123_456_789_012)), []);
    });

    it('stats: per UTC day by updatedAt, shares of granted among offered', async () => {
      const day = '2027-03-';
      await store.insert(
        receipt({
          updatedAt: `${day}01T00:00:00.000Z`,
          givenAt: `${day}01T00:00:00.000Z`,
          method: 'accept-all',
          categories: { necessary: true, functional: true, analytics: true, marketing: true },
        }),
        NOW,
      );
      await store.insert(
        receipt({
          updatedAt: `${day}01T23:59:59.999Z`,
          givenAt: `${day}01T00:00:00.000Z`,
          method: 'reject-all',
          categories: { necessary: true, functional: false, analytics: false },
        }),
        NOW,
      );
      await store.insert(
        receipt({
          updatedAt: `${day}02T00:00:00.000Z`,
          givenAt: `${day}01T00:00:00.000Z`,
          method: 'custom',
          categories: { necessary: true },
        }),
        NOW,
      );
      const stats = await store.stats('2027-03-01', '2027-03-31');
      assert.deepEqual(stats, [
        {
          day: '2027-03-01',
          choices: 2,
          methods: { 'accept-all': 1, 'reject-all': 1, custom: 0 },
          granted: { functional: 0.5, analytics: 0.5, marketing: 1 },
        },
        {
          day: '2027-03-02',
          choices: 1,
          methods: { 'accept-all': 0, 'reject-all': 0, custom: 1 },
          granted: { functional: null, analytics: null, marketing: null },
        },
      ]);
      assert.deepEqual(await store.stats('2027-03-02', '2027-03-02'), [stats[1]]);
      assert.deepEqual(await store.stats('2027-04-01', '2027-04-30'), []);
    });

    it('exportRows: every row of the range once, ordered by (updatedAt, id), across batches', async () => {
      const expected = [];
      for (let i = 0; i < 1103; i++) {
        const r = receipt({ updatedAt: `2028-01-0${1 + (i % 4)}T12:00:00.000Z`, givenAt: '2028-01-01T00:00:00.000Z' });
        await store.insert(r, NOW);
        expected.push(`${r.updatedAt} ${r.id}`);
      }
      // Outside the range on both sides.
      await store.insert(receipt({ updatedAt: '2027-12-31T23:59:59.999Z', givenAt: '2027-12-01T00:00:00.000Z' }), NOW);
      await store.insert(receipt({ updatedAt: '2028-01-05T00:00:00.000Z', givenAt: '2028-01-01T00:00:00.000Z' }), NOW);
      expected.sort();
      const rows = await collect(store.exportRows('2028-01-01', '2028-01-04'));
      assert.deepEqual(
        rows.map((r) => `${r.updatedAt} ${r.id}`),
        expected,
      );
      assert.equal(rows[0].receivedAt, NOW.toISOString());
    });

    it('exportRows: stopping early ends the iteration cleanly', async () => {
      let n = 0;
      for await (const row of store.exportRows('2028-01-01', '2028-01-04')) {
        assert.ok(row.id);
        if (++n === 3) break;
      }
      assert.equal(n, 3);
      await store.ping();
    });

    it('deleteOlderThan: by updatedAt, returns the count', async () => {
      const old = receipt({ givenAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z' });
      const edge = receipt({ givenAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-06-01T00:00:00.000Z' });
      await store.insert(old, NOW);
      await store.insert(edge, NOW);
      assert.equal(await store.deleteOlderThan(new Date('2020-06-01T00:00:00.000Z')), 1);
      assert.deepEqual(await store.byId(old.id), []);
      assert.equal((await store.byId(edge.id)).length, 1);
      assert.equal(await store.deleteOlderThan(new Date('2020-06-01T00:00:00.000Z')), 0);
    });

    it('reopening applies no migration twice', async () => {
      const again = await ctx.open();
      try {
        await again.ping();
        const r = receipt();
        assert.equal(await again.insert(r, NOW), true);
        assert.equal((await store.byId(r.id)).length, 1, 'both connections see one table');
      } finally {
        await again.close();
      }
    });

    it('ping resolves; after close it rejects', async () => {
      await store.ping();
      const other = await ctx.open();
      await other.close();
      await assert.rejects(() => other.ping());
    });
  });
}

// SQLite in a temporary folder.
let sqliteDir;
storeSuite('sqlite', async () => {
  sqliteDir = await mkdtemp(join(tmpdir(), 'yinyom-receipts-store-'));
  const file = join(sqliteDir, 'store.sqlite');
  return { open: async () => openSqliteStore(file) };
});
after(async () => {
  if (sqliteDir) await rm(sqliteDir, { recursive: true, force: true });
});

// PostgreSQL in a fresh schema.
const DATABASE_URL = process.env.YINYOM_TEST_DATABASE_URL;
let pgAdmin;
let pgSchema;
let pgSkip;

async function pgContext() {
  if (pgAdmin || pgSkip) return pgSkip ? { skip: pgSkip } : ctxFor();
  if (!DATABASE_URL) {
    pgSkip =
      'PostgreSQL tests skipped: set YINYOM_TEST_DATABASE_URL (e.g. postgresql://yinyom:yinyom@127.0.0.1:5432/yinyom_test) to run them';
    return { skip: pgSkip };
  }
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    pgSkip = `PostgreSQL tests skipped: the server in YINYOM_TEST_DATABASE_URL cannot be reached (${error.message})`;
    return { skip: pgSkip };
  }
  pgAdmin = client;
  pgSchema = `yinyom_test_${randomBytes(6).toString('hex')}`;
  await client.query(`CREATE SCHEMA ${pgSchema}`);
  return ctxFor();
}
const ctxFor = () => ({
  open: () => openPostgresStore({ connectionString: DATABASE_URL, schema: pgSchema, onError: () => {} }),
});
after(async () => {
  if (pgAdmin) {
    await pgAdmin.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
    await pgAdmin.end();
  }
});

storeSuite('postgresql', pgContext);

describe('HTTP API on PostgreSQL', () => {
  let ctx;
  let server;
  before(async () => {
    ctx = await pgContext();
    if (ctx.skip) return;
    server = await createServer({
      databaseUrl: DATABASE_URL,
      databaseSchema: pgSchema,
      adminToken: TOKEN,
      port: 0,
      now: () => NOW,
      log: () => {},
    });
  });
  after(() => server?.close());

  test('POST twice, look up, stats, export, health', async (t) => {
    if (ctx.skip) {
      t.skip(ctx.skip);
      return;
    }
    const r = receipt({ updatedAt: '2026-06-14T10:00:00.000Z', givenAt: '2026-06-14T10:00:00.000Z', revision: '+1' });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/receipts`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(r),
      });
      assert.equal(res.status, 204);
    }
    const auth = { headers: { Authorization: `Bearer ${TOKEN}` } };
    const lookup = await (await fetch(`${server.url}/receipts/${r.id}`, auth)).json();
    assert.deepEqual(lookup, { id: r.id, records: [{ ...r, receivedAt: NOW.toISOString() }] });
    const stats = await (await fetch(`${server.url}/stats?from=2026-06-14&to=2026-06-14`, auth)).json();
    assert.equal(stats.days[0].choices, 1);
    const csv = await (await fetch(`${server.url}/export?from=2026-06-14&to=2026-06-14`, auth)).text();
    assert.equal(csv.split('\r\n').length, 3);
    assert.ok(csv.includes(`,'+1,`), 'CSV injection guard');
    const health = await (await fetch(`${server.url}/health`)).json();
    assert.deepEqual(health, { ok: true, database: 'postgresql' });
  });
});
