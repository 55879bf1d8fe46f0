// The admin page (admin/index.html, admin.js, admin.css) in headless Chromium, against the real
// collector started in-process on a temporary SQLite file with a known admin token.
//
// Checks: zero CSP violations and page errors under the collector's own CSP; a wrong token is
// refused ("token not accepted") and nothing is stored; sign-in by keyboard keeps the token in
// sessionStorage only (no cookie, no localStorage) and survives a reload; a lookup lists the
// history oldest first and shows hostile stored strings as text (no element made from them);
// the chart and its table show the posted numbers; CSV and JSON exports download with the
// Bearer header; the TH/EN switch changes the texts, `lang` and the calendar; a token refused
// later returns to sign-in; sign-out clears the token; 44 px targets, 320 px without sideways
// scrolling. Screenshots: /tmp/admin-1280.png (1280×800) and /tmp/admin-375.png (375×740).
//
// Needs `npm run build` (dist/server.js) and playwright-core with Chromium (/usr/bin/chromium or
// CHROMIUM_PATH); without a browser every test is skipped with the reason. The tests share one
// page and run in order.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createServer } from '../dist/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TOKEN = 'admin-test-token-Zq3xW9vK2mP7rT5yB8nC4dF6hJ1';
const HOSTILE_REVISION = '<img src=x onerror=alert(1)>"><script>alert(2)</script>';
const HOSTILE_PAGE = 'https://www.example.go.th/<img/src=x/onerror=alert(3)>';
const DAY_MS = 86_400_000;

/** A UTC day `n` days before today, and an instant at noon of it. */
const day = (n) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
const noon = (n) => `${day(n)}T12:00:00.000Z`;

const A = randomUUID();
const B = randomUUID();
const C = randomUUID();
const DIGEST = `sha256-${'x'.repeat(43)}`;

function receipt(id, n, method, categories, extra = {}) {
  return {
    id,
    revision: '2025-01',
    language: 'th',
    givenAt: noon(3),
    updatedAt: noon(n),
    method,
    categories: { necessary: true, ...categories },
    page: 'https://www.example.go.th/services',
    source: 'banner',
    event: 'first',
    ...extra,
  };
}

// Receipt A has three choices (sent out of order), B and C one each.
const A1 = receipt(A, 3, 'accept-all', { functional: true, analytics: true, marketing: true });
const A2 = receipt(
  A,
  2,
  'custom',
  { functional: true, analytics: false, marketing: false },
  {
    revision: HOSTILE_REVISION,
    page: HOSTILE_PAGE,
    source: 'preferences',
    event: 'withdrawal',
  },
);
const A3 = receipt(
  A,
  1,
  'reject-all',
  { functional: false, analytics: false },
  {
    language: 'en',
    source: 'api',
    event: 'change',
    noticeDigest: DIGEST,
  },
);
const B1 = receipt(B, 2, 'accept-all', { functional: true, analytics: true, marketing: true });
const C1 = receipt(C, 1, 'custom', { analytics: true });

/** What /stats must say about those days (shares: granted / offered; null: not offered). */
const EXPECTED_DAYS = {
  [day(3)]: { choices: 1, methods: [1, 0, 0], granted: { functional: 1, analytics: 1, marketing: 1 } },
  [day(2)]: { choices: 2, methods: [1, 0, 1], granted: { functional: 1, analytics: 0.5, marketing: 0.5 } },
  [day(1)]: { choices: 2, methods: [0, 1, 1], granted: { functional: 0, analytics: 0.5, marketing: null } },
};

describe('admin page (Chromium)', () => {
  let dir;
  let server;
  let browser;
  let context;
  let page;
  let skip = '';
  const violations = [];
  const pageErrors = [];
  const consoleErrors = [];
  const dialogs = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yinyom-admin-test-'));
    server = await createServer({
      db: join(dir, 'receipts.sqlite'),
      adminToken: TOKEN,
      port: 0,
      host: '127.0.0.1',
      rateLimit: false,
      log: () => {},
    });
    // A1 twice: stored once. Out of order, so that the page's order is the server's.
    for (const body of [A3, A1, B1, A2, C1, A1]) {
      const response = await fetch(`${server.url}/receipts`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 204, `POST ${JSON.stringify(body)}: ${await response.text()}`);
    }

    let chromium;
    try {
      ({ chromium } = await import('playwright-core'));
    } catch (error) {
      skip = `playwright-core cannot be imported (${error.message}); install the root workspace's devDependencies`;
      return;
    }
    if (!existsSync(CHROMIUM)) {
      skip = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
      return;
    }
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
    } catch (error) {
      skip = `Chromium could not be launched: ${error.message.split('\n')[0]}`;
      return;
    }
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
      acceptDownloads: true,
    });
    // Runs before the page's own script in every document; CDP-injected, so not subject to the CSP.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const list = (window.__violations ??= []);
        list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    page.on('console', (message) => {
      const text = message.text();
      if (/Content[- ]Security[- ]Policy/i.test(text)) violations.push(`console: ${text}`);
      // 401 and 404 answers are logged by Chromium as failed loads: expected in these tests.
      else if (message.type() === 'error' && !/Failed to load resource/.test(text)) consoleErrors.push(text);
    });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Violations reported in the page (all documents so far) plus console reports. */
  async function allViolations() {
    const inPage = page ? await page.evaluate(() => window.__violations ?? []).catch(() => []) : [];
    return [...violations, ...inPage];
  }

  const status = () => page.locator('#status').textContent();
  const visible = (selector) => page.locator(selector).isVisible();
  const stored = () =>
    page.evaluate(() => ({
      session: sessionStorage.getItem('yinyom-receipts.admin-token'),
      local: localStorage.length,
      cookie: document.cookie,
    }));

  test('the page loads under the collector CSP with no violation', async (t) => {
    if (skip) return t.skip(skip);
    const response = await page.goto(`${server.url}/admin`);
    assert.equal(response.status(), 200);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self'/, 'served with the collector CSP');
    assert.match(csp, /style-src 'self'/);
    await page.waitForFunction(() => !document.getElementById('signin-section').hidden);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'th', 'Thai for a Thai browser');
    assert.equal(await page.locator('h1').textContent(), 'ทะเบียนหลักฐานความยินยอม');
    assert.equal(await page.locator('meta[name="referrer"]').getAttribute('content'), 'no-referrer');
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(font, /Sarabun.*Noto Sans Thai.*Leelawadee UI.*Tahoma/);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).lineHeight), `${16 * 1.6}px`);
    assert.match(await page.locator('#token-help').textContent(), /sessionStorage/, 'says where the token is kept');
    assert.deepEqual(await allViolations(), []);
    assert.deepEqual(pageErrors, []);
  });

  test('a wrong token is refused: "token not accepted", nothing stored', async (t) => {
    if (skip) return t.skip(skip);
    await page.fill('#token', 'not-the-token');
    await page.click('#signin-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status').textContent.includes('token not accepted'));
    assert.equal(await visible('#signin-section'), true);
    assert.equal(await visible('#admin'), false);
    assert.equal(await page.getAttribute('#token', 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'token', 'focus back on the token field');
    assert.match(await page.locator('#token-error').textContent(), /token not accepted/);
    assert.deepEqual(await stored(), { session: null, local: 0, cookie: '' });
    assert.equal(await page.inputValue('#token'), 'not-the-token', 'kept to correct a typo');

    // A token no header can carry (Thai letters, spaces) is refused the same way, without an error.
    await page.evaluate(() => {
      document.getElementById('token-error').textContent = '';
    });
    await page.fill('#token', 'รหัส ผิด');
    await page.click('#signin-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('token-error').textContent.includes('token not accepted'));
    assert.equal(await visible('#admin'), false);
    assert.deepEqual(pageErrors, []);
  });

  test('sign-in by keyboard; the token is kept in sessionStorage only and survives a reload', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${server.url}/admin`);
    await page.waitForFunction(() => !document.getElementById('signin-section').hidden);
    // Tab order: skip link, ไทย, English, then the token field.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'token');
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.getElementById('admin').hidden);
    assert.equal(await status(), 'เข้าสู่ระบบแล้ว');
    assert.equal(await page.inputValue('#token'), '', 'the field is emptied');
    assert.deepEqual(await stored(), { session: TOKEN, local: 0, cookie: '' });
    assert.equal(await visible('#signin-section'), false);
    assert.equal(await visible('#signout'), true);

    await page.reload();
    await page.waitForFunction(() => !document.getElementById('admin').hidden);
    assert.equal(await visible('#signin-section'), false, 'still signed in after a reload (same tab)');
  });

  test('lookup: history oldest first, hostile strings shown as text', async (t) => {
    if (skip) return t.skip(skip);
    // Pasting the whole receipt text the visitor copied works too.
    await page.fill('#receipt-id', `หลักฐานความยินยอมของท่าน: รหัส ${A.toUpperCase()} บันทึกเมื่อ 1 ธ.ค. 2569`);
    await page.press('#receipt-id', 'Enter');
    await page.waitForFunction(() => !document.getElementById('lookup-result').hidden);
    assert.match(await status(), new RegExp(`พบ 3 รายการ.*${A}`));
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#history-table tbody tr'), (tr) =>
        Array.from(tr.cells, (cell) => cell.textContent.trim()).concat(
          tr.querySelector('time')?.getAttribute('datetime'),
        ),
      ),
    );
    assert.equal(rows.length, 3);
    assert.deepEqual(
      rows.map((r) => r.at(-1)),
      [A1.updatedAt, A2.updatedAt, A3.updatedAt],
      'oldest first, ISO values in <time datetime>',
    );
    // Columns: chosen at, method, functional, analytics, marketing, revision, language, source,
    // event, page, digest, received at.
    assert.deepEqual(
      rows.map((r) => r.slice(1, 5)),
      [
        ['ยอมรับทั้งหมด', '✓ยินยอม', '✓ยินยอม', '✓ยินยอม'],
        ['เลือกเอง', '✓ยินยอม', '✕ปฏิเสธ', '✕ปฏิเสธ'],
        ['ปฏิเสธทั้งหมด', '✕ปฏิเสธ', '✕ปฏิเสธ', '–ไม่ได้ให้เลือก'],
      ],
    );
    assert.equal(rows[1][5], HOSTILE_REVISION, 'the revision, verbatim, as text');
    assert.equal(rows[1][9], HOSTILE_PAGE, 'the page, verbatim, as text');
    assert.deepEqual(
      rows.map((r) => [r[7], r[8]]),
      [
        ['แถบแจ้งเตือน', 'เลือกครั้งแรก'],
        ['หน้าตั้งค่าคุกกี้', 'ถอนความยินยอม'],
        ['สคริปต์ของเว็บไซต์', 'เปลี่ยนการเลือก'],
      ],
    );
    assert.match(rows[0][6], /\(th\)$/);
    assert.match(rows[2][6], /\(en\)$/);
    assert.equal(rows[2][10], DIGEST);
    // Thai Buddhist-era dates: the year is the Common Era year + 543.
    const year = Number(A1.updatedAt.slice(0, 4));
    assert.ok(rows[0][0].includes(String(year + 543)), `Buddhist-era year in "${rows[0][0]}"`);
    assert.ok(!rows[0][0].includes(String(year)), `no Common Era year in "${rows[0][0]}"`);

    const dom = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('#history-table tbody *:not(tr, th, td, span, time, code)').length,
    }));
    assert.deepEqual(dom, { img: 0, scripts: 1, injected: 0 }, 'no element made from stored text');
    assert.deepEqual(dialogs, [], 'no script ran from stored text');

    // Unknown and malformed ids.
    await page.fill('#receipt-id', randomUUID());
    await page.press('#receipt-id', 'Enter');
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('ไม่พบหลักฐาน'));
    assert.equal(await visible('#lookup-result'), false);
    await page.fill('#receipt-id', 'not-an-id');
    await page.press('#receipt-id', 'Enter');
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('รหัสหลักฐานไม่ถูกต้อง'));
    assert.equal(await page.getAttribute('#receipt-id', 'aria-invalid'), 'true');
  });

  test('last 30 days: the chart and its table show the posted numbers', async (t) => {
    if (skip) return t.skip(skip);
    await page.click('#stats-refresh');
    await page.waitForFunction(() => document.getElementById('status').textContent === 'โหลดสถิติ 30 วันที่ผ่านมาแล้ว');

    // Totals: 5 choices (A1 sent twice, stored once): 2 accept-all, 1 reject-all, 2 custom.
    const totals = await page.locator('#totals .total-number').allTextContents();
    assert.deepEqual(totals, ['5', '2', '1', '2']);

    // The table: 30 days, the posted ones with their numbers, the others empty.
    const table = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#stats-table tbody tr'), (tr) => ({
        day: tr.querySelector('time').getAttribute('datetime'),
        cells: Array.from(tr.querySelectorAll('td'), (td) => td.textContent),
      })),
    );
    assert.equal(table.length, 30);
    assert.ok(table.at(-1).day >= day(0), 'up to today (UTC)');
    const pct = (share) => (share === null ? 'ไม่มีข้อมูล' : `${Math.round(share * 1000) / 10}%`);
    for (const row of table) {
      const expected = EXPECTED_DAYS[row.day];
      if (!expected) {
        assert.deepEqual(row.cells, ['0', '0', '0', '0', 'ไม่มีข้อมูล', 'ไม่มีข้อมูล', 'ไม่มีข้อมูล'], row.day);
        continue;
      }
      const { functional, analytics, marketing } = expected.granted;
      assert.deepEqual(
        row.cells,
        [String(expected.choices), ...expected.methods.map(String), pct(functional), pct(analytics), pct(marketing)],
        row.day,
      );
    }

    // The chart: inline SVG, one marker per day and category with data, placed by its share.
    const chart = await page.evaluate(() => {
      const svg = document.querySelector('#chart svg');
      const plot = (el) => {
        const box = el.getBBox();
        return box.y + box.height / 2;
      };
      return {
        role: svg?.getAttribute('role'),
        label: svg
          ?.getAttribute('aria-labelledby')
          ?.split(' ')
          .map((id) => document.getElementById(id)?.textContent),
        series: Object.fromEntries(
          ['functional', 'analytics', 'marketing'].map((c) => [
            c,
            Array.from(svg.querySelectorAll(`.series-${c} .marker`), (m) => ({
              day: m.getAttribute('data-day'),
              share: Number(m.getAttribute('data-share')),
              y: plot(m),
            })),
          ]),
        ),
        lines: svg.querySelectorAll('path.line').length,
        legend: Array.from(document.querySelectorAll('#legend li'), (li) => li.textContent),
      };
    });
    assert.equal(chart.role, 'img');
    assert.equal(chart.label.length, 2);
    assert.ok(chart.label.every(Boolean), 'the chart is labelled by its <title> and <desc>');
    assert.equal(chart.lines, 3);
    assert.deepEqual(chart.legend, ['เพื่อการใช้งาน', 'เพื่อการวิเคราะห์', 'เพื่อการตลาด']);
    for (const category of ['functional', 'analytics', 'marketing']) {
      const expected = Object.entries(EXPECTED_DAYS)
        .filter(([, d]) => d.granted[category] !== null)
        .map(([d, v]) => ({ day: d, share: v.granted[category] }));
      assert.deepEqual(
        chart.series[category].map(({ day: d, share }) => ({ day: d, share })),
        expected,
        category,
      );
    }
    // Higher share, higher point: 100 % above 50 % above 0 %.
    const [f1, , f0] = chart.series.functional;
    const a50 = chart.series.analytics[1];
    assert.ok(f1.y < a50.y && a50.y < f0.y, `y positions ${f1.y} < ${a50.y} < ${f0.y}`);
  });

  test('export: CSV and JSON downloads, fetched with the Bearer header', async (t) => {
    if (skip) return t.skip(skip);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-form button[data-format="csv"]'),
    ]);
    assert.match(csv.suggestedFilename(), /^yinyom-receipts-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await csv.path(), 'utf8');
    const lines = text.trim().split(/\r?\n/);
    assert.equal(lines.length, 6, `a header and five rows:\n${text}`);
    assert.equal(text.split(A).length - 1 >= 3, true, 'the three records of A');
    assert.ok(text.includes(B) && text.includes(C));
    assert.ok(text.includes('"<img src=x onerror=alert(1)>""><script>alert(2)</script>"'), 'RFC 4180 quoting');
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('ดาวน์โหลดไฟล์'));

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-form button[data-format="json"]'),
    ]);
    assert.match(json.suggestedFilename(), /\.json$/);
    const records = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(records.length, 5);

    // A range the server refuses is reported, not downloaded.
    await page.fill('#export-from', day(0));
    await page.fill('#export-to', day(5));
    await page.click('#export-form button[data-format="csv"]');
    assert.match(await status(), /วันเริ่มต้นต้องไม่อยู่หลังวันสิ้นสุด/);
  });

  test('TH/EN switch: texts, lang and calendar change, and back', async (t) => {
    if (skip) return t.skip(skip);
    await page.fill('#receipt-id', A);
    await page.press('#receipt-id', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('#history-table tbody tr').length === 3);
    await page.click('button.lang-button[data-lang="en"]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.locator('h1').textContent(), 'Consent receipt register');
    assert.equal(await page.title(), 'Consent receipt register — yinyom-receipts');
    assert.equal(await page.getAttribute('button.lang-button[data-lang="en"]', 'aria-pressed'), 'true');
    assert.equal(await page.getAttribute('button.lang-button[data-lang="th"]', 'aria-pressed'), 'false');
    assert.equal(await page.getAttribute('button.lang-button[data-lang="th"]', 'lang'), 'th');
    assert.equal(await page.locator('#stats-heading').textContent(), 'Last 30 days');
    const year = Number(A1.updatedAt.slice(0, 4));
    const first = await page.locator('#history-table tbody tr:first-child th').textContent();
    assert.ok(first.includes(String(year)) && !first.includes(String(year + 543)), `Common Era date: "${first}"`);
    assert.equal(
      await page.locator('#history-table tbody tr:nth-child(2) td:nth-child(2)').textContent(),
      'Own choice',
    );
    assert.deepEqual(await page.locator('#legend li').allTextContents(), ['Functional', 'Analytics', 'Marketing']);
    assert.ok((await page.locator('#chart svg title').first().textContent()).startsWith('Line chart'));
    assert.doesNotMatch(await page.locator('main').innerText(), /[\u0E00-\u0E7F]/, 'no Thai text left in English');

    await page.click('button.lang-button[data-lang="th"]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'th');
    assert.equal(await page.locator('h1').textContent(), 'ทะเบียนหลักฐานความยินยอม');

    // A browser that prefers English starts in English.
    const english = await browser.newContext({ locale: 'en-GB' });
    try {
      const p = await english.newPage();
      await p.goto(`${server.url}/admin`);
      assert.equal(await p.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await p.locator('#signin-heading').textContent(), 'Sign in');
    } finally {
      await english.close();
    }
  });

  test('layout: 44 px targets, visible focus, 320 px without sideways scrolling; screenshots', async (t) => {
    if (skip) return t.skip(skip);
    await page.screenshot({ path: '/tmp/admin-1280.png' });
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button, input, summary, a[href]'))
        .filter((el) => el.getClientRects().length > 0 && !el.classList.contains('visually-hidden'))
        .map((el) => ({ el: el.id || el.className || el.tagName, ...el.getBoundingClientRect().toJSON() }))
        .filter((r) => r.height < 44 || r.width < 44)
        .map((r) => `${r.el} ${r.width}×${r.height}`),
    );
    assert.deepEqual(small, [], 'every target at least 44×44 px');

    await page.focus('#stats-refresh');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, 'solid', 'focus is visible');

    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 740 });
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (overflow ${overflow})`);
      if (width === 375) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: '/tmp/admin-375.png' });
      }
    }
    const svgWidth = await page.evaluate(() => document.querySelector('#chart svg').getBoundingClientRect().width);
    assert.ok(svgWidth <= 320, `the chart fits (${svgWidth} px)`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('a token refused later returns to sign-in; sign out clears the token', async (t) => {
    if (skip) return t.skip(skip);
    // As if the collector restarted with another token.
    await page.evaluate(() => sessionStorage.setItem('yinyom-receipts.admin-token', 'revoked-token'));
    await page.fill('#receipt-id', A);
    await page.press('#receipt-id', 'Enter');
    await page.waitForFunction(() => !document.getElementById('signin-section').hidden);
    assert.match(await status(), /token not accepted/i);
    assert.equal(await visible('#admin'), false);
    assert.equal(await page.locator('#history-table tbody tr').count(), 0, 'the records are cleared');
    assert.equal((await stored()).session, null);

    await page.fill('#token', TOKEN);
    await page.press('#token', 'Enter');
    await page.waitForFunction(() => !document.getElementById('admin').hidden);
    await page.click('#signout');
    assert.equal(await visible('#signin-section'), true);
    assert.match(await status(), /ออกจากระบบแล้ว/);
    assert.deepEqual(await stored(), { session: null, local: 0, cookie: '' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'token');
  });

  test('no CSP violation, page error or console error in the whole run', async (t) => {
    if (skip) return t.skip(skip);
    assert.deepEqual(await allViolations(), []);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
