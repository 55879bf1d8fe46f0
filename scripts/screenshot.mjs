// Screenshots of the demo, and a check of the demo scenario on the way.
//
//   node scripts/screenshot.mjs [outdir]          (default: screenshots/)
//   node scripts/screenshot.mjs --docs [outdir]   (default: docs/screenshots/)
//
// --docs writes only the README screenshots, with stable names: the banner in th/en ×
// light/dark × mobile/desktop, the preferences dialog (th light desktop and mobile, en dark
// desktop) and the state after accepting (th light desktop). See docs/screenshots/README.md.
//
// Needs dist/yinyom.min.js (npm run build) and Chromium at /usr/bin/chromium
// (override with CHROMIUM_PATH). Every shot uses a fresh browser context, so no stored
// choice leaks between them. Prints one PASS/FAIL line per check; exits 1 on any failure.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ARGS = process.argv.slice(2);
const DOCS = ARGS.includes('--docs');
const UNKNOWN = ARGS.filter((arg) => arg.startsWith('-') && arg !== '--docs');
if (UNKNOWN.length) {
  console.error(`Unknown option ${UNKNOWN.join(' ')}. Usage: node scripts/screenshot.mjs [--docs] [outdir]`);
  process.exit(2);
}
const OUT = resolve(ARGS.find((arg) => !arg.startsWith('-')) ?? join(ROOT, DOCS ? 'docs/screenshots' : 'screenshots'));
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 740 };
const THAI = /[\u0E00-\u0E7F]/;
const WAITING = 'ยังไม่มีสคริปต์ที่ถูกควบคุมทำงาน';

const SEL = {
  banner: 'yinyom-consent [part~="banner"]',
  title: 'yinyom-consent [part~="banner"] [part~="title"]',
  text: 'yinyom-consent [part~="banner"] [part~="text"]',
  language: 'yinyom-consent [part~="banner"] [part~="language-button"]',
  accept: 'yinyom-consent [part~="banner"] [part~="accept-button"]',
  reject: 'yinyom-consent [part~="banner"] [part~="reject-button"]',
  preferences: 'yinyom-consent [part~="banner"] [part~="preferences-button"]',
  dialog: 'yinyom-consent dialog',
  settings: 'yinyom-consent [part~="settings-button"]',
  statusMessage: 'yinyom-consent [part~="status"]',
  footerOpen: 'footer [data-yinyom-open]',
  status: '#gated-status',
  record: '#consent-record',
};

let failures = 0;

function check(name, ok, detail = '') {
  if (!ok) failures += 1;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}

/** Runs one step; a thrown error (timeout, missing element) counts as a failed check. */
async function step(name, fn) {
  try {
    const result = await fn();
    if (result === undefined || result === true) return check(name, true);
    if (result === false) return check(name, false);
    return check(name, result.ok, result.detail);
  } catch (error) {
    return check(name, false, String(error.message ?? error).split('\n')[0]);
  }
}

/** The gated-script lines reported on the page: [{ kind, text }]. */
function gatedReports(page) {
  return page.$$eval(`${SEL.status} li[data-kind]`, (items) =>
    items.map((item) => ({ kind: item.dataset.kind, text: item.textContent.trim() })),
  );
}

async function waitForReady(page) {
  // The demo page writes the record into the <pre> on yinyom-ready.
  await page.waitForFunction(
    (selector) => {
      const pre = document.querySelector(selector);
      return Boolean(window.yinyom && pre && !pre.textContent.startsWith('กำลังโหลด'));
    },
    SEL.record,
    { timeout: 10_000 },
  );
  await page.evaluate(() => document.fonts.ready);
}

async function expectNothingRan(page) {
  await page.waitForTimeout(400); // give a wrongly-ungated script a chance to show up
  const reports = await gatedReports(page);
  const waiting = await page.locator(SEL.status).innerText();
  const analytics = await page.evaluate(() => 'demoAnalytics' in window);
  return {
    ok: reports.length === 0 && waiting.includes(WAITING) && !analytics,
    detail: reports.length ? `ran: ${reports.map((r) => r.text).join(' | ')}` : analytics ? 'analytics-demo.js loaded' : '',
  };
}

async function expectBothRanInOrder(page) {
  await page.waitForFunction((s) => document.querySelectorAll(`${s} li[data-kind]`).length >= 2, SEL.status, {
    timeout: 10_000,
  });
  await page.waitForTimeout(200); // a third, duplicate run would show up here
  const reports = await gatedReports(page);
  const kinds = reports.map((r) => r.kind).join(',');
  const ok =
    kinds === 'inline,external' &&
    reports[0].text.startsWith('1. สคริปต์วิเคราะห์ (inline) ทำงานแล้ว') &&
    reports[1].text.startsWith('2. สคริปต์วิเคราะห์ภายนอก (analytics-demo.js) ทำงานแล้ว');
  return { ok, detail: ok ? '' : `got [${kinds}]` };
}

async function dialogOpen(page) {
  await page.waitForFunction(
    () => document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('dialog')?.open === true,
    undefined,
    { timeout: 5_000 },
  );
  return true;
}

/** README screenshots: viewport-only PNGs above this size are cropped to the notice. */
const DOCS_MAX_BYTES = 400 * 1024;
const DOCS_SIZES = {
  mobile: { viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: DESKTOP, deviceScaleFactor: 1 },
};

/** Clicks the banner's TH/EN switch and waits for the English title. */
async function switchToEnglish(page) {
  await page.locator(SEL.language).click();
  await page.waitForFunction(
    (s) => {
      const title = document.querySelector('yinyom-consent')?.shadowRoot?.querySelector(s);
      return title && !/[\u0E00-\u0E7F]/.test(title.textContent) && /[A-Za-z]/.test(title.textContent);
    },
    '[part~="banner"] [part~="title"]',
    { timeout: 5_000 },
  );
}

/** Whether the notice's surface is dark (luminance of its computed background). */
function surfaceIsDark(page, selector) {
  return page.locator(selector).evaluate((el) => {
    const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  });
}

/**
 * The README set, one fresh context per image. `freshPage` and `shots` come from main();
 * every image is the viewport, cropped to the part from the notice down if it is too big.
 */
async function docsShots({ freshPage, shots }) {
  async function open(language, scheme, size) {
    const { viewport, ...extra } = DOCS_SIZES[size];
    const { context, page } = await freshPage(viewport, { ...extra, colorScheme: scheme, reducedMotion: 'reduce' });
    await page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 });
    if (language === 'en') await switchToEnglish(page);
    return { context, page };
  }

  async function docShot(page, name, selectors) {
    const path = join(OUT, name);
    await page.waitForTimeout(350); // let transitions and the ResizeObserver settle
    let png = await page.screenshot();
    if (png.length > DOCS_MAX_BYTES) {
      const { width, height } = page.viewportSize();
      const tops = [];
      for (const selector of selectors) {
        const box = await page.locator(selector).first().boundingBox();
        if (box) tops.push(box.y);
      }
      const y = Math.max(0, Math.floor(Math.min(height, ...tops) - 48));
      png = await page.screenshot({ clip: { x: 0, y, width, height: height - y } });
    }
    await writeFile(path, png);
    shots.push(path);
    check(`docs: ${name} is under ${DOCS_MAX_BYTES / 1024} KB`, png.length <= DOCS_MAX_BYTES, `${Math.round(png.length / 1024)} KB`);
  }

  // The banner: 2 languages × 2 schemes × 2 sizes.
  for (const language of ['th', 'en']) {
    for (const scheme of ['light', 'dark']) {
      for (const size of ['mobile', 'desktop']) {
        const name = `banner-${language}-${scheme}-${size}.png`;
        let opened;
        const ok = await step(`docs: ${name}: banner in ${language}, ${scheme}`, async () => {
          opened = await open(language, scheme, size);
          const title = await opened.page.locator(SEL.title).innerText();
          const dark = await surfaceIsDark(opened.page, SEL.banner);
          return {
            ok: THAI.test(title) === (language === 'th') && dark === (scheme === 'dark'),
            detail: `${title.trim()} · ${dark ? 'dark' : 'light'} surface`,
          };
        });
        if (opened) {
          if (ok) await docShot(opened.page, name, [SEL.banner]);
          await opened.context.close();
        }
      }
    }
  }

  // The preferences dialog, opened from the banner.
  for (const [language, scheme, size] of [
    ['th', 'light', 'desktop'],
    ['th', 'light', 'mobile'],
    ['en', 'dark', 'desktop'],
  ]) {
    const name = `preferences-${language}-${scheme}-${size}.png`;
    let opened;
    const ok = await step(`docs: ${name}: preferences dialog open`, async () => {
      opened = await open(language, scheme, size);
      await opened.page.locator(SEL.preferences).click();
      await dialogOpen(opened.page);
      const dark = await surfaceIsDark(opened.page, SEL.dialog);
      return { ok: dark === (scheme === 'dark'), detail: `${dark ? 'dark' : 'light'} surface` };
    });
    if (opened) {
      if (ok) await docShot(opened.page, name, [SEL.dialog]);
      await opened.context.close();
    }
  }

  // After accepting: the floating settings button and the status message (shown for 5 s).
  {
    const name = 'accepted-th-light-desktop.png';
    let opened;
    const ok = await step(`docs: ${name}: settings button and status message`, async () => {
      opened = await open('th', 'light', 'desktop');
      await opened.page.locator(SEL.accept).click();
      await opened.page.locator(SEL.banner).waitFor({ state: 'detached', timeout: 5_000 });
      await opened.page.locator(SEL.settings).waitFor({ state: 'visible', timeout: 5_000 });
      await opened.page.locator(SEL.statusMessage).waitFor({ state: 'visible', timeout: 2_000 });
      return { ok: true, detail: (await opened.page.locator(SEL.statusMessage).innerText()).trim() };
    });
    if (opened) {
      if (ok) await docShot(opened.page, name, [SEL.statusMessage, SEL.settings]);
      await opened.context.close();
    }
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'yinyom.min.js'))) {
    console.error('dist/yinyom.min.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  if (!existsSync(EXECUTABLE)) {
    console.error(`Chromium not found at ${EXECUTABLE} (set CHROMIUM_PATH).`);
    process.exit(1);
  }
  await mkdir(OUT, { recursive: true });
  const server = await startServer({ port: 0, root: ROOT });
  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const pageErrors = [];
  const shots = [];

  /** A fresh context (no cookie) with one page on the demo. */
  async function freshPage(viewport, extra = {}) {
    const context = await browser.newContext({ viewport, locale: 'th-TH', ...extra });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url);
    await waitForReady(page);
    return { context, page };
  }

  async function shot(page, name, options = {}) {
    const path = join(OUT, name);
    await page.waitForTimeout(350); // let transitions settle
    await page.screenshot({ path, ...options });
    shots.push(path);
  }

  try {
    if (DOCS) await docsShots({ freshPage, shots });
    else {
      // 1. First visit, desktop: the notice in Thai, nothing gated has run.
      {
        const { context, page } = await freshPage(DESKTOP);
        await step('first visit: banner is visible', () => page.locator(SEL.banner).waitFor({ state: 'visible' }));
        await step('first visit: banner is in Thai', async () => {
          const text = `${await page.locator(SEL.title).innerText()} ${await page.locator(SEL.text).innerText()}`;
          return { ok: THAI.test(text), detail: text.slice(0, 60) };
        });
        await step('first visit: no gated script ran', () => expectNothingRan(page));
        await step('first visit: getConsent() is null', async () =>
          (await page.evaluate(() => window.yinyom.getConsent())) === null,
        );
        await shot(page, 'demo-th-desktop.png');
        await context.close();
      }

      // 2. First visit, mobile.
      {
        const { context, page } = await freshPage(MOBILE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
        await step('mobile: banner is visible', () => page.locator(SEL.banner).waitFor({ state: 'visible' }));
        await step('mobile: banner fits the viewport width', async () => {
          const box = await page.locator(SEL.banner).boundingBox();
          return { ok: box && box.x >= 0 && box.x + box.width <= MOBILE.width + 0.5, detail: JSON.stringify(box) };
        });
        await shot(page, 'demo-th-mobile.png');
        await context.close();
      }

      // 3. Language switch to English.
      {
        const { context, page } = await freshPage(DESKTOP);
        await page.locator(SEL.language).click();
        await step('language switch: banner turns English', async () => {
          await page.waitForFunction(
            (s) => {
              const title = document.querySelector('yinyom-consent')?.shadowRoot?.querySelector(s);
              return title && !/[\u0E00-\u0E7F]/.test(title.textContent) && /[A-Za-z]/.test(title.textContent);
            },
            '[part~="banner"] [part~="title"]',
            { timeout: 5_000 },
          );
          return { ok: true, detail: (await page.locator(SEL.title).innerText()).trim() };
        });
        await shot(page, 'demo-en-desktop.png');
        await context.close();
      }

      // 4. Preferences dialog from the banner.
      {
        const { context, page } = await freshPage(DESKTOP);
        await page.locator(SEL.preferences).click();
        await step('banner "choose" button opens the preferences dialog', () => dialogOpen(page));
        await step('preferences: no optional category is pre-ticked', async () => {
          const checked = await page.$$eval('yinyom-consent', (els) =>
            Array.from(els[0].shadowRoot.querySelectorAll('dialog input[type="checkbox"]')).map((i) => i.checked),
          );
          return { ok: checked.length >= 2 && checked.every((c) => !c), detail: `switches: ${JSON.stringify(checked)}` };
        });
        await shot(page, 'demo-preferences-th.png');
        await context.close();
      }

      // 5. Accept, then reload; then the footer link.
      {
        const { context, page } = await freshPage(DESKTOP);
        await page.locator(SEL.accept).click();
        await step('accept: both gated scripts ran, inline then external', () => expectBothRanInOrder(page));
        await step('accept: banner is gone', () => page.locator(SEL.banner).waitFor({ state: 'detached', timeout: 5_000 }));
        await step('accept: record shows method accept-all', async () => {
          const consent = await page.evaluate(() => window.yinyom.getConsent());
          return { ok: consent?.method === 'accept-all' && consent.categories.analytics === true, detail: consent?.method };
        });
        await page.locator('.devpanel').scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector('.devpanel').scrollIntoView({ block: 'center' }));
        await shot(page, 'demo-accepted.png');

        await page.reload();
        await waitForReady(page);
        await step('reload after accept: both scripts run again at load, in order', () => expectBothRanInOrder(page));
        await step('reload after accept: no banner', async () => ({ ok: (await page.locator(SEL.banner).count()) === 0 }));

        await page.locator(SEL.footerOpen).scrollIntoViewIfNeeded();
        await page.locator(SEL.footerOpen).click();
        await step('footer link [data-yinyom-open] opens the preferences dialog', () => dialogOpen(page));
        await step('preferences after accept: switches reflect the choice', async () => {
          const checked = await page.$$eval('yinyom-consent', (els) =>
            Array.from(els[0].shadowRoot.querySelectorAll('dialog input[type="checkbox"]')).map((i) => i.checked),
          );
          return { ok: checked.length >= 2 && checked.every(Boolean), detail: `switches: ${JSON.stringify(checked)}` };
        });
        await context.close();
      }

      // 6. Reject in a fresh context, then reload.
      {
        const { context, page } = await freshPage(DESKTOP);
        await page.locator(SEL.reject).click();
        await step('reject: banner is gone', () => page.locator(SEL.banner).waitFor({ state: 'detached', timeout: 5_000 }));
        await step('reject: no gated script ran', () => expectNothingRan(page));
        await page.reload();
        await waitForReady(page);
        await step('reload after reject: no banner', async () => ({ ok: (await page.locator(SEL.banner).count()) === 0 }));
        await step('reload after reject: still no gated script ran', () => expectNothingRan(page));
        await step('reload after reject: record shows method reject-all', async () => {
          const consent = await page.evaluate(() => window.yinyom.getConsent());
          return { ok: consent?.method === 'reject-all' && consent.categories.analytics === false, detail: consent?.method };
        });
        // The demo's reset button asks again.
        await page.locator('#reset-consent').click();
        await step('reset button: banner shows again', () => page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 }));
        await context.close();
      }

      // 7. The privacy page: no element in the markup, the bundle adds one from data-*.
      {
        const context = await browser.newContext({ viewport: DESKTOP, locale: 'th-TH' });
        const page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(new URL('privacy.html', server.url).href);
        await step('privacy page: bundle adds the notice from its data-* attributes', async () => {
          await page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 });
          const count = await page.locator('yinyom-consent').count();
          const policy = await page.locator('yinyom-consent [part~="policy-link"]').first().getAttribute('href');
          return { ok: count === 1 && policy === 'privacy.html', detail: `elements: ${count}, policy link: ${policy}` };
        });
        await context.close();
      }
    }

    check('no page errors', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
  } finally {
    await browser.close();
    await server.close();
  }

  console.log(`\nScreenshots in ${OUT}:`);
  for (const path of shots) console.log(`  ${path}`);
  console.log(failures ? `\nFAIL: ${failures} check(s) failed` : '\nPASS: all checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack ?? error}`);
  process.exit(1);
});
