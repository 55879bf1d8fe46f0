// Screenshots of the demo and the configurator. The checks of what they show live in
// test/e2e/demo.chromium.test.mjs and test/e2e/configurator.chromium.test.mjs (npm test).
//
//   node scripts/screenshot.mjs [outdir]          (default: screenshots/)
//   node scripts/screenshot.mjs --docs [outdir]   (default: docs/screenshots/)
//
// The default set: the demo's first visit (desktop, mobile, English), the preferences
// dialog, the state after accepting, and the configurator filled in (1280 and 375 px).
// --docs writes only the README screenshots, with stable names: the banner in th/en ×
// light/dark × mobile/desktop, the preferences dialog (th light desktop and mobile, en dark
// desktop, th at 400 % zoom), the English banner and preferences on a phone with text spacing,
// and the state after accepting (th light desktop). See docs/screenshots/README.md.
//
// Needs dist/yinyom.min.js (npm run build) and Chromium at /usr/bin/chromium (override with
// CHROMIUM_PATH). Every shot uses a fresh browser context, so no stored choice leaks between
// them. Exits 1 when a page does not reach the state a shot needs, or a README shot stays
// over 400 KB; page errors are printed as warnings.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './lib/browsers.mjs';
import { ROOT } from './lib/server.mjs';
import { startDemoServer } from './serve.mjs';
import { DEMO, waitForDemoReady } from './lib/demo-page.mjs';

const ARGS = process.argv.slice(2);
const DOCS = ARGS.includes('--docs');
const UNKNOWN = ARGS.filter((arg) => arg.startsWith('-') && arg !== '--docs');
if (UNKNOWN.length) {
  console.error(`Unknown option ${UNKNOWN.join(' ')}. Usage: node scripts/screenshot.mjs [--docs] [outdir]`);
  process.exit(2);
}
const OUT = resolve(ARGS.find((arg) => !arg.startsWith('-')) ?? join(ROOT, DOCS ? 'docs/screenshots' : 'screenshots'));
const EXECUTABLE = chromiumPath();
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 740 };

const SEL = DEMO;

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

async function openPreferences(page) {
  await page.locator(SEL.preferences).click();
  await page.waitForFunction(
    () => document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('dialog')?.open === true,
    undefined,
    { timeout: 5_000 },
  );
}

/** Accepts from the banner and waits for the settings button and the status message. */
async function accept(page) {
  await page.locator(SEL.accept).click();
  await page.locator(SEL.banner).waitFor({ state: 'detached', timeout: 5_000 });
  await page.locator(SEL.settings).waitFor({ state: 'visible', timeout: 5_000 });
}

/** The text-spacing bookmarklet's rules (WCAG 1.4.12's figures). */
const TEXT_SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } ' +
  'p { margin-bottom: 2em !important; }';

/** README screenshots: viewport-only PNGs above this size are cropped to the notice. */
const DOCS_MAX_BYTES = 400 * 1024;
const DOCS_SIZES = {
  mobile: { viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: DESKTOP, deviceScaleFactor: 1 },
};

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
    if (png.length > DOCS_MAX_BYTES) {
      throw new Error(
        `${name} is ${Math.round(png.length / 1024)} KB even cropped (limit ${DOCS_MAX_BYTES / 1024} KB)`,
      );
    }
    const path = join(OUT, name);
    await writeFile(path, png);
    shots.push(path);
  }

  // The banner: 2 languages × 2 schemes × 2 sizes.
  for (const language of ['th', 'en']) {
    for (const scheme of ['light', 'dark']) {
      for (const size of ['mobile', 'desktop']) {
        const { context, page } = await open(language, scheme, size);
        await docShot(page, `banner-${language}-${scheme}-${size}.png`, [SEL.banner]);
        await context.close();
      }
    }
  }

  // The preferences dialog, opened from the banner.
  for (const [language, scheme, size] of [
    ['th', 'light', 'desktop'],
    ['th', 'light', 'mobile'],
    ['en', 'dark', 'desktop'],
  ]) {
    const { context, page } = await open(language, scheme, size);
    await openPreferences(page);
    await docShot(page, `preferences-${language}-${scheme}-${size}.png`, [SEL.dialog]);
    await context.close();
  }

  // 400 % zoom of a 1280×800 screen: a 320×200 CSS px viewport, drawn at 1280×800.
  {
    const { context, page } = await freshPage(
      { width: 320, height: 200 },
      { deviceScaleFactor: 4, colorScheme: 'light', reducedMotion: 'reduce' },
    );
    await page.locator(SEL.banner).waitFor({ state: 'visible', timeout: 5_000 });
    await openPreferences(page);
    await docShot(page, 'preferences-th-light-zoom400.png', [SEL.dialog]);
    await context.close();
  }

  // WCAG 1.4.12 text spacing, as the usual bookmarklet applies it to the page, on a phone.
  for (const view of ['banner', 'preferences']) {
    const { context, page } = await open('en', 'light', 'mobile');
    await page.addStyleTag({ content: TEXT_SPACING });
    if (view === 'preferences') await openPreferences(page);
    await docShot(page, `${view}-en-light-mobile-spacing.png`, [view === 'banner' ? SEL.banner : SEL.dialog]);
    await context.close();
  }

  // After accepting: the floating settings button and the status message (shown for 5 s).
  {
    const { context, page } = await open('th', 'light', 'desktop');
    await accept(page);
    await page.locator(SEL.statusMessage).waitFor({ state: 'visible', timeout: 2_000 });
    await docShot(page, 'accepted-th-light-desktop.png', [SEL.statusMessage, SEL.settings]);
    await context.close();
  }
}

/** The demo walk (first visit, mobile, English, preferences, accepted) and the configurator. */
async function demoShots({ browser, server, freshPage, shot }) {
  {
    const { context, page } = await freshPage(DESKTOP);
    await page.locator(SEL.banner).waitFor({ state: 'visible' });
    await shot(page, 'demo-th-desktop.png');
    await context.close();
  }
  {
    const { context, page } = await freshPage(MOBILE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.locator(SEL.banner).waitFor({ state: 'visible' });
    await shot(page, 'demo-th-mobile.png');
    await context.close();
  }
  {
    const { context, page } = await freshPage(DESKTOP);
    await switchToEnglish(page);
    await shot(page, 'demo-en-desktop.png');
    await context.close();
  }
  {
    const { context, page } = await freshPage(DESKTOP);
    await openPreferences(page);
    await shot(page, 'demo-preferences-th.png');
    await context.close();
  }
  {
    const { context, page } = await freshPage(DESKTOP);
    await accept(page);
    // both gated demo scripts have reported
    await page.waitForFunction((s) => document.querySelectorAll(`${s} li[data-kind]`).length >= 2, SEL.status, {
      timeout: 10_000,
    });
    await page.evaluate(() => document.querySelector('.devpanel').scrollIntoView({ block: 'center' }));
    await shot(page, 'demo-accepted.png');
    await context.close();
  }

  // The configurator, filled in: GA4, a YouTube frame, non-default options (1280 px), and a
  // phone with an inline error shown (375 px).
  const configurator = server.url('/demo/configure.html');
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
    const page = await context.newPage();
    await page.goto(configurator);
    await page.waitForSelector('#snippet[data-ready="true"]', { timeout: 10_000 });
    await page.fill('#org', 'เทศบาลตำบลบ้านสวน');
    await page.fill('#policy-url', '/privacy');
    await page.check('input[name="category"][value="marketing"]');
    await page.check('input[name="tool"][value="ga4"]');
    await page.fill('#ga4-id', 'G-ABC123DEF4');
    await page.selectOption('#position', 'top');
    await page.selectOption('#theme', 'dark');
    await page.fill('#youtube-url', 'https://youtu.be/dQw4w9WgXcQ');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(600); // past the preview's 350 ms debounce
    await shot(page, 'configurator-1280.png', { fullPage: true });
    await shot(page, 'configurator-1280-viewport.png');
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: MOBILE, isMobile: true, hasTouch: true, locale: 'th-TH' });
    const page = await context.newPage();
    await page.goto(configurator);
    await page.waitForSelector('#snippet[data-ready="true"]', { timeout: 10_000 });
    await page.check('input[name="tool"][value="ga4"]');
    await page.fill('#ga4-id', 'G-ABC123DEF4');
    await page.fill('#org', 'เทศบาลตำบลบ้านสวน');
    await page.fill('#policy-url', 'ftp://x');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(600);
    await shot(page, 'configurator-375.png', { fullPage: true });
    await shot(page, 'configurator-375-viewport.png');
    await context.close();
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
  const server = await startDemoServer();
  const browser = await chromium.launch({ executablePath: EXECUTABLE, args: CHROMIUM_ARGS });
  const pageErrors = [];
  const shots = [];

  /** A fresh context (no cookie) with one page on the demo, ready. */
  async function freshPage(viewport, extra = {}) {
    const context = await browser.newContext({ viewport, locale: 'th-TH', ...extra });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url('/demo/'));
    await waitForDemoReady(page);
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
    else await demoShots({ browser, server, freshPage, shot });
  } finally {
    await browser.close();
    await server.close();
  }

  console.log(`Screenshots in ${OUT}:`);
  for (const path of shots) console.log(`  ${path}`);
  if (pageErrors.length) console.warn(`\nwarning: page errors:\n  ${pageErrors.join('\n  ')}`);
}

main().catch((error) => {
  console.error(`screenshot.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
