// The demo (demo/index.html, privacy.html) as a visitor walks it: first visit, mobile,
// language switch, preferences, accept and reload, reject and reload, the reset button, the
// footer link, the bundle's data-* mode, and the light/dark surfaces. Needs `npm run build`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { DEMO, waitForDemoReady } from '../../scripts/lib/demo-page.mjs';

const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'th-TH' };
const MOBILE = {
  viewport: { width: 375, height: 740 },
  locale: 'th-TH',
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const THAI = /[\u0E00-\u0E7F]/;
const WAITING = 'ยังไม่มีสคริปต์ที่ถูกควบคุมทำงาน';

const SEL = DEMO;

describe('demo (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  /**
   * Runs `body(s)` on a fresh page at `path` (a fresh context: no stored choice), then
   * checks the page logged no error. `s.served(path)` lists the server's answers for a path
   * since this page opened.
   */
  const onPage =
    (body, { path = '/demo/', context = DESKTOP, ready = true } = {}) =>
    async (t) => {
      const mark = chromium.server.requests.length;
      const s = await chromium.open(path, { context });
      s.served = (file) => chromium.server.requests.slice(mark).filter((r) => r.path.split('?')[0] === file);
      let ok = false;
      try {
        if (ready) await waitForDemoReady(s.page);
        await body(s, s.page);
        const errors = s.errors.filter((e) => e.startsWith('error:') || e.startsWith('pageerror:'));
        assert.deepStrictEqual(errors, [], 'no page errors');
        ok = true;
      } finally {
        if ((!ok || process.env.YINYOM_E2E_CONSOLE) && s.errors.length) {
          for (const line of ['page console:', ...s.errors]) t.diagnostic(line);
        }
        await s.close();
      }
    };

  test(
    'first visit: the banner is visible, in Thai; no gated script ran; getConsent() is null',
    onPage(async (s, page) => {
      await page.locator(SEL.banner).waitFor({ state: 'visible' });
      const text = `${await page.locator(SEL.title).innerText()} ${await page.locator(SEL.text).innerText()}`;
      assert.match(text, THAI, 'the banner is in Thai');
      await assertNothingRan(s, 'first visit');
      assert.strictEqual(await page.evaluate(() => window.yinyom.getConsent()), null, 'getConsent() before any choice');
    }),
  );

  test(
    'mobile: the banner is visible and fits the viewport width',
    onPage(
      async (s, page) => {
        await page.locator(SEL.banner).waitFor({ state: 'visible' });
        const box = await page.locator(SEL.banner).boundingBox();
        assert.ok(
          box && box.x >= 0 && box.x + box.width <= MOBILE.viewport.width + 0.5,
          `banner box ${JSON.stringify(box)} within 375 px`,
        );
      },
      { context: MOBILE },
    ),
  );

  test(
    'language switch: the banner turns English',
    onPage(async (s, page) => {
      await page.locator(SEL.language).click();
      await page.waitForFunction(
        (sel) => {
          const title = document.querySelector('yinyom-consent')?.shadowRoot?.querySelector(sel);
          return title && !/[\u0E00-\u0E7F]/.test(title.textContent) && /[A-Za-z]/.test(title.textContent);
        },
        '[part~="banner"] [part~="title"]',
        { timeout: 5_000 },
      );
      const title = await page.locator(SEL.title).innerText();
      assert.doesNotMatch(title, THAI, 'no Thai left in the title');
      assert.match(title, /[A-Za-z]/, 'an English title');
    }),
  );

  test(
    'the banner\'s "choose" button opens the preferences dialog, nothing pre-ticked',
    onPage(async (s, page) => {
      await page.locator(SEL.preferences).click();
      await dialogOpen(page);
      const checked = await switches(page);
      assert.ok(checked.length >= 2, `at least two optional categories (got ${checked.length})`);
      assert.deepStrictEqual(
        checked,
        checked.map(() => false),
        'no optional category is pre-ticked',
      );
    }),
  );

  test(
    'accept: both gated scripts run, inline then external; again after reload; the footer link reopens the choice',
    onPage(async (s, page) => {
      await page.locator(SEL.accept).click();
      await assertBothRanInOrder(page, 'accept');
      await page.locator(SEL.banner).waitFor({ state: 'detached', timeout: 5_000 });
      const consent = await page.evaluate(() => window.yinyom.getConsent());
      assert.strictEqual(consent?.method, 'accept-all', 'record method after accept');
      assert.strictEqual(consent.categories.analytics, true, 'analytics granted');

      await page.reload();
      await waitForDemoReady(page);
      await assertBothRanInOrder(page, 'reload after accept');
      assert.strictEqual(await page.locator(SEL.banner).count(), 0, 'reload after accept: no banner');

      await page.locator(SEL.footerOpen).scrollIntoViewIfNeeded();
      await page.locator(SEL.footerOpen).click();
      await dialogOpen(page);
      const checked = await switches(page);
      assert.ok(checked.length >= 2, `at least two optional categories (got ${checked.length})`);
      assert.deepStrictEqual(
        checked,
        checked.map(() => true),
        'the switches reflect "accept all"',
      );
    }),
  );

  test(
    'reject: nothing gated runs, before or after reload; the reset button asks again',
    onPage(async (s, page) => {
      await page.locator(SEL.reject).click();
      await page.locator(SEL.banner).waitFor({ state: 'detached', timeout: 5_000 });
      await assertNothingRan(s, 'reject');
      await page.reload();
      await waitForDemoReady(page);
      assert.strictEqual(await page.locator(SEL.banner).count(), 0, 'reload after reject: no banner');
      await assertNothingRan(s, 'reload after reject');
      const consent = await page.evaluate(() => window.yinyom.getConsent());
      assert.strictEqual(consent?.method, 'reject-all', 'record method after reject');
      assert.strictEqual(consent.categories.analytics, false, 'analytics refused');
      await page.locator('#reset-consent').click();
      await page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 });
    }),
  );

  test(
    'privacy page: the bundle adds the notice from its data-* attributes',
    onPage(
      async (s, page) => {
        await page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 });
        assert.strictEqual(await page.locator('yinyom-consent').count(), 1, 'one <yinyom-consent>');
        const policy = await page.locator('yinyom-consent [part~="policy-link"]').first().getAttribute('href');
        assert.strictEqual(policy, 'privacy.html', 'the policy link from data-policy-url');
      },
      { path: '/demo/privacy.html', ready: false },
    ),
  );

  for (const scheme of ['light', 'dark']) {
    test(
      `prefers-color-scheme: ${scheme}: the banner and the preferences dialog have a ${scheme} surface`,
      onPage(
        async (s, page) => {
          await page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 });
          assert.strictEqual(await surfaceIsDark(page, SEL.banner), scheme === 'dark', `banner surface is ${scheme}`);
          await page.locator(SEL.preferences).click();
          await dialogOpen(page);
          assert.strictEqual(await surfaceIsDark(page, SEL.dialog), scheme === 'dark', `dialog surface is ${scheme}`);
        },
        { context: { ...DESKTOP, colorScheme: scheme, reducedMotion: 'reduce' } },
      ),
    );
  }
});

/** The gated-script lines reported on the page: [{ kind, text }]. */
const gatedReports = (page) =>
  page.$$eval(`${SEL.status} li[data-kind]`, (items) =>
    items.map((item) => ({ kind: item.dataset.kind, text: item.textContent.trim() })),
  );

/** The preferences dialog's category switches, ticked or not. */
const switches = (page) =>
  page.$$eval('yinyom-consent', (els) =>
    Array.from(els[0].shadowRoot.querySelectorAll('dialog input[type="checkbox"]'), (input) => input.checked),
  );

async function dialogOpen(page) {
  await page.waitForFunction(
    () => document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('dialog')?.open === true,
    undefined,
    { timeout: 5_000 },
  );
}

async function assertNothingRan(s, when) {
  await s.page.waitForTimeout(400); // give a wrongly-ungated script a chance to show up
  assert.deepStrictEqual(await gatedReports(s.page), [], `${when}: no gated script reported`);
  assert.ok(
    (await s.page.locator(SEL.status).innerText()).includes(WAITING),
    `${when}: the page still says "${WAITING}"`,
  );
  assert.strictEqual(
    await s.page.evaluate(() => 'demoAnalytics' in window),
    false,
    `${when}: analytics-demo.js did not run`,
  );
  assert.deepStrictEqual(s.served('/demo/analytics-demo.js'), [], `${when}: the server never served analytics-demo.js`);
}

async function assertBothRanInOrder(page, when) {
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} li[data-kind]`).length >= 2, SEL.status, {
    timeout: 10_000,
  });
  await page.waitForTimeout(200); // a third, duplicate run would show up here
  const reports = await gatedReports(page);
  assert.deepStrictEqual(
    reports.map((r) => r.kind),
    ['inline', 'external'],
    `${when}: inline then external, once each`,
  );
  assert.ok(reports[0].text.startsWith('1. สคริปต์วิเคราะห์ (inline) ทำงานแล้ว'), `${when}: first line: ${reports[0].text}`);
  assert.ok(
    reports[1].text.startsWith('2. สคริปต์วิเคราะห์ภายนอก (analytics-demo.js) ทำงานแล้ว'),
    `${when}: second line: ${reports[1].text}`,
  );
}

/** Whether an element's surface is dark (luminance of its computed background). */
const surfaceIsDark = (page, selector) =>
  page.locator(selector).evaluate((el) => {
    const [r, g, b] = getComputedStyle(el)
      .backgroundColor.match(/\d+(\.\d+)?/g)
      .map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  });
