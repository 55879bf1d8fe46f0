#!/usr/bin/env node
// npm run bench — yinyom against other script-tag cookie-consent libraries (issues #7, #16).
//
//   node bench/run.mjs [--runs N] [--throttle] [--only a,b] [--out bench/results.md]
//
// Serves bench/pages/<name>.html (the same host page plus one library, configured with
// necessary/analytics/marketing, accept/reject/preferences and one gated analytics script
// that sets window.__gatedRan) from the repository's static server (scripts/lib/server.mjs),
// answering with brotli (quality 11, compressed once per file, Content-Encoding: br) like a
// CDN. /lib/<pkg>/… is node_modules/<pkg>/…, /dist/… a copy of the build's script-tag files
// (dist/*.min.js, one build for the whole run), /floor/… the floor (bench/floor/
// floor-consent.mjs: Lit + js-cookie and nothing else), bundled here at start with rollup's
// JS API; both copies live in a temporary directory. Drives Debian's Chromium with
// playwright-core, one fresh context per page load, pages interleaved run by run (the order
// rotates each run). Each library gets a first visit (everything before the first click, then
// "accept"), a visit that opens its preferences (what they cost in bytes) and, for yinyom, two
// visits timing "choose" → dialog: cold, and after the pointer rested on the button. Every
// page is checked first (banner appears, nothing gated before consent, accept runs it, the
// preferences open); any failed check, then or later, exits 1 naming the library. Installs
// nothing: the libraries are devDependencies. Chromium: CHROMIUM_PATH, else Debian's.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { TERSER_OPTIONS } from '../rollup.config.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/lib/browsers.mjs';
import { ROOT, startServer } from '../scripts/lib/server.mjs';

const PAGES = join(ROOT, 'bench', 'pages');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    throttle: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results.md') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node bench/run.mjs [--runs N] [--throttle] [--only a,b] [--out bench/results.md]');
  process.exit(0);
}
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs wants a positive integer, got ${args.runs}`);

// --- the libraries ----------------------------------------------------------------------
// banner(): the library's banner element or null; runs in the page (stringified).
// accept: the selector Playwright clicks (its CSS engine pierces open shadow roots).
// accepted: what shows that "accept" worked, in the page; by default the gated script ran.
// preferences: the selector of the button that opens the library's preferences, and
// dialog(): the preferences' element once open (in the page); none: "transferred in total"
// is the first visit's. preferencesButton() (in the page) marks the libraries whose
// "choose → dialog visible" is timed: yinyom, whose preferences are a second file.
const YINYOM = {
  name: 'yinyom',
  pkg: null,
  banner: () => document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('[part~="banner"]') ?? null,
  accept: 'yinyom-consent [part~="accept-button"]',
  preferences: 'yinyom-consent [part~="preferences-button"]',
  preferencesButton: () =>
    document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('[part~="preferences-button"]') ?? null,
  dialog: () => document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('dialog[open]') ?? null,
};
const LIBS = [
  YINYOM,
  // The other libraries' pages show English copy; this one shows yinyom's English notice,
  // so that text shaping (Thai costs more to lay out) is compared like for like.
  { ...YINYOM, name: 'yinyom-en', label: 'yinyom (English)' },
  {
    name: 'vanilla-cookieconsent',
    pkg: 'vanilla-cookieconsent@3.1.0',
    banner: () => document.querySelector('#cc-main .cm'),
    accept: '#cc-main .cm [data-role="all"]',
    preferences: '#cc-main .cm [data-role="show"]',
    dialog: () => document.querySelector('#cc-main .pm'),
  },
  {
    name: 'cookieconsent',
    label: 'Osano cookieconsent',
    pkg: 'cookieconsent@3.1.1',
    banner: () => document.querySelector('.cc-window:not(.cc-invisible)'),
    accept: '.cc-window .cc-allow',
  },
  {
    name: 'klaro',
    pkg: 'klaro@0.7.22',
    banner: () => document.querySelector('#klaro .cookie-notice:not(.cookie-notice-hidden)'),
    accept: '#klaro .cookie-notice .cm-btn-success',
    preferences: '#klaro .cookie-notice .cn-learn-more',
    dialog: () => document.querySelector('#klaro .cookie-modal .cm-modal'),
  },
  {
    name: 'tarteaucitron',
    label: 'tarteaucitronjs',
    pkg: 'tarteaucitronjs@1.34.0',
    banner: () => document.querySelector('#tarteaucitronAlertBig'),
    accept: '#tarteaucitronAlertBig #tarteaucitronPersonalize2',
    preferences: '#tarteaucitronAlertBig #tarteaucitronCloseAlert',
    dialog: () => document.querySelector('#tarteaucitron'),
  },
];
const BASELINE = { name: 'baseline', label: 'baseline (no library)', pkg: null, banner: null, accept: null };
// The floor of the fixed choices (Lit + js-cookie): always measured, like the baseline, as the
// heap rows compare every library with it. It gates nothing, so "accept" is checked by its
// cookie and its "click accept → gated script ran" is "–"; it has no preferences.
const FLOOR = {
  name: 'floor',
  label: 'floor (Lit + js-cookie)',
  pkg: null,
  banner: () => document.querySelector('floor-consent')?.shadowRoot?.querySelector('[part~="banner"]') ?? null,
  accept: 'floor-consent [part~="accept-button"]',
  accepted: () => /(^|; )floor_consent=all(;|$)/.test(document.cookie),
};
const only = args.only?.split(',');
const selected = only ? LIBS.filter((l) => only.includes(l.name)) : LIBS;
if (!selected.length && !only.includes('floor'))
  throw new Error(`--only matched nothing; names: ${[...LIBS, FLOOR].map((l) => l.name).join(', ')}`);
const COLUMNS = [FLOOR, ...selected];
const PAGES_RUN = [BASELINE, ...COLUMNS];
const ANCHOR = 'yinyom';

if (!existsSync(join(ROOT, 'dist', 'yinyom.min.js'))) {
  console.error('dist/yinyom.min.js is missing: run npm run build first');
  process.exit(1);
}
for (const lib of selected) {
  if (!lib.pkg) continue;
  const [pkg, version] = lib.pkg.split(/(?!^)@/);
  const file = join(ROOT, 'node_modules', pkg, 'package.json');
  const found = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
  if (found !== version) {
    console.error(
      `${lib.name}: needs ${lib.pkg} in node_modules (found ${found ?? 'none'}); it is a devDependency, run npm install`,
    );
    process.exit(1);
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// Everything the run serves that is not in the repository as it stands: a copy of dist/'s
// script-tag files and the floor's bundle, in a temporary directory removed at the end.
const TMP = mkdtempSync(join(tmpdir(), 'yinyom-bench-'));
const DIST_COPY = join(TMP, 'dist');
const FLOOR_DIR = join(TMP, 'floor');

// dist/ may be rebuilt during a run, and yinyom.min.js names yinyom.extra.min.js's hash: serve
// one build throughout, copied once its files have stood still (same sizes and times) for a
// second and again while they were copied.
async function copyDist() {
  const dir = join(ROOT, 'dist');
  const state = () => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.min.js'))
        .sort()
        .map((f) => `${f}:${statSync(join(dir, f)).size}:${statSync(join(dir, f)).mtimeMs}`)
        .join();
    } catch {
      return `changing ${Math.random()}`;
    }
  };
  for (let i = 0; i < 60; i++) {
    const before = state();
    await sleep(1000);
    if (before !== state() || !before.includes('yinyom.min.js:')) continue;
    rmSync(DIST_COPY, { recursive: true, force: true });
    mkdirSync(DIST_COPY);
    try {
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.min.js')))
        copyFileSync(join(dir, f), join(DIST_COPY, f));
    } catch {
      continue;
    }
    if (state() === before) return;
  }
  throw new Error('dist/ kept changing for a minute: wait for the build to finish');
}

const FLOOR_FILE = join(FLOOR_DIR, 'floor.min.js');
try {
  await copyDist();
  const bundle = await rollup({
    input: join(ROOT, 'bench', 'floor', 'floor-consent.mjs'),
    plugins: [
      nodeResolve(),
      minifyHTML({ include: [join(ROOT, 'bench', 'floor', '**')], failOnError: true }),
      // the options of dist/yinyom.min.js, so the floor is minified alike
      terser(TERSER_OPTIONS),
    ],
    onwarn: (warning) => {
      throw new Error(`the floor's build: ${warning.message}`);
    },
  });
  try {
    await bundle.write({ file: FLOOR_FILE, format: 'iife' });
  } finally {
    await bundle.close();
  }
} catch (e) {
  rmSync(TMP, { recursive: true, force: true });
  throw e;
}
const floorBrotli = brotliCompressSync(readFileSync(FLOOR_FILE), {
  params: { [zlib.BROTLI_PARAM_QUALITY]: 11 },
}).length;

// --- the server: brotli like a CDN ------------------------------------------------------
const hostHtml = readFileSync(join(PAGES, '_host.html'), 'utf8');
const hostCss = readFileSync(join(PAGES, '_host.css'), 'utf8');
const server = await startServer({
  root: PAGES,
  mounts: { '/lib/': 'node_modules', '/dist/': DIST_COPY, '/floor/': FLOOR_DIR },
  // every page shares one host page and stylesheet
  transform: (file, body) =>
    file.startsWith(PAGES + sep) && file.endsWith('.html')
      ? body.toString('utf8').replace('<!--HOST_CSS-->', hostCss).replace('<!--HOST-->', hostHtml)
      : body,
  brotli: true,
});
const ORIGIN = server.origin;

// --- in-page instrumentation (runs before any page script) -------------------------------
// dialogFn, on the pages that open the preferences: from the first click on, B.dialogAt is
// set in the first animation frame in which dialogFn() is shown (as the banner is).
const initScript = (bannerFn, dialogFn) => `(() => {
  const B = window.__bench = { bannerAt: null, clickAt: null, dialogAt: null, longTasks: [], shifts: [] };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) B.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) B.shifts.push({ t: e.startTime, v: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  addEventListener('click', () => { if (B.clickAt === null) B.clickAt = performance.now(); }, true);
  ${
    bannerFn || dialogFn
      ? `const shown = (el) => {
    if (!el || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return false;
    for (let n = el; n; n = n.parentElement || (n.getRootNode && n.getRootNode().host) || null) {
      if (n.nodeType !== 1) break;
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    return true;
  };`
      : ''
  }
  ${
    bannerFn
      ? `const find = ${bannerFn.toString()};
  // Checked once per frame, in requestAnimationFrame: a banner is seen when a frame could
  // paint it. (A MutationObserver check would read layout inside the library's own task,
  // forcing the page's first layout there and inflating that library's long tasks.)
  const check = () => {
    if (B.bannerAt !== null) return true;
    let el = null;
    try { el = find(); } catch {}
    if (shown(el)) { B.bannerAt = performance.now(); return true; }
    return false;
  };
  const frame = () => { if (!check()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);`
      : ''
  }
  ${
    dialogFn
      ? `const findDialog = ${dialogFn.toString()};
  let watching = false;
  addEventListener('click', () => {
    if (watching) return;
    watching = true;
    const frame = () => {
      let el = null;
      try { el = findDialog(); } catch {}
      if (shown(el)) B.dialogAt = performance.now();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, true);`
      : ''
  }
})();`;

// Runs in the page (stringified, sent over CDP): what the first visit leaves behind.
function pageStats() {
  const B = window.__bench;
  let nodes = 0;
  const count = (root) => {
    const all = root.querySelectorAll('*');
    nodes += all.length;
    for (const el of all) if (el.shadowRoot) count(el.shadowRoot);
  };
  count(document);
  // CLS: the largest session window (gaps < 1 s, windows ≤ 5 s)
  let cls = 0,
    cur = 0,
    first = -Infinity,
    prev = -Infinity;
  for (const { t, v } of B.shifts) {
    if (t - prev < 1000 && t - first < 5000) cur += v;
    else {
      cur = v;
      first = t;
    }
    prev = t;
    cls = Math.max(cls, cur);
  }
  return {
    bannerAt: B.bannerAt,
    nodes,
    cls,
    longTasks: B.longTasks.length,
    tbt: B.longTasks.reduce((s, d) => s + Math.max(0, d - 50), 0),
  };
}

// --- page loads -------------------------------------------------------------------------
// DevTools' "Slow 4G" as Lighthouse applies it (150 ms RTT × 3.75, 1.6 Mbps × 0.9 down).
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 0.9 * 1024) / 8,
};
const TIMEOUT = args.throttle ? 60_000 : 15_000;
const call = (fn) => `(${fn.toString()})()`;

class CheckFailed extends Error {}

/**
 * Opens lib's page in a fresh context and waits for its banner and a quiet network. Until the
 * caller's first page.click/hover/locator/evaluate, Playwright has run nothing in the page
 * but our init script and its own empty utility world (see firstVisit): every wait and read
 * here goes over our CDP session (Runtime.evaluate), never through Playwright's page API.
 */
async function open(browser, lib, { dialog = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript({ content: initScript(lib.banner, dialog ? lib.dialog : null) });
    const cdp = await context.newCDPSession(page);
    const net = { bytes: 0, inflight: 0, last: Date.now() };
    cdp.on('Network.requestWillBeSent', () => {
      net.inflight++;
      net.last = Date.now();
    });
    cdp.on('Network.loadingFinished', (e) => {
      net.bytes += e.encodedDataLength;
      net.inflight--;
      net.last = Date.now();
    });
    cdp.on('Network.loadingFailed', () => {
      net.inflight--;
      net.last = Date.now();
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (args.throttle) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    }
    const fail = (what) => {
      throw new CheckFailed(`${lib.name}: ${what}${errors.length ? `\n  page errors: ${errors.join('\n  ')}` : ''}`);
    };
    // an expression evaluated in the page's main world, its value returned by value
    const evaluate = async (expression) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
      if (exceptionDetails) fail(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    };
    const until = async (expression, what, every = 20) => {
      const end = Date.now() + TIMEOUT;
      while (!(await evaluate(expression))) {
        if (Date.now() > end) fail(what);
        await sleep(every);
      }
    };
    // load done, no request in flight for 500 ms, then 500 ms more for late work
    const quiet = async () => {
      const end = Date.now() + TIMEOUT;
      while (net.inflight > 0 || Date.now() - net.last < 500) {
        if (Date.now() > end) fail('the network did not go quiet');
        await sleep(50);
      }
      await sleep(500);
    };

    await page.goto(`${ORIGIN}/${lib.name}.html`, { waitUntil: 'load', timeout: TIMEOUT });
    if (lib.banner) await until('window.__bench.bannerAt !== null', 'the banner did not become visible', 50);
    await quiet();
    return { context, page, cdp, net, fail, evaluate, until, quiet };
  } catch (e) {
    await context.close();
    throw e;
  }
}

/** The first visit: everything measured before the first click, then "accept". */
async function firstVisit(browser, lib) {
  const { context, page, cdp, net, fail, evaluate, until } = await open(browser, lib);
  try {
    if ((await evaluate('window.__gatedRan')) !== undefined) fail('the gated analytics script ran before consent');

    // The heap is read before Playwright has injected anything into this page. JSHeapUsedSize
    // is the whole isolate's, isolated worlds included, and Playwright's scripts are large: its
    // UtilityScript (main world) comes with the first page.evaluate/waitForFunction, its
    // InjectedScript (selector engine, utility world) with the first locator, page.$, click or
    // hover. Up to here only CDP has touched the page (open() waits and reads with
    // Runtime.evaluate), so neither exists yet; what Playwright adds at page creation, an empty
    // utility world (Page.createIsolatedWorld, no script), is in the baseline page too and is
    // subtracted with it. The first Playwright call on this page is the click below.
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const inPage = await evaluate(call(pageStats));
    const result = {
      bytes: net.bytes,
      bytesTotal: net.bytes,
      banner: inPage.bannerAt,
      script: m.ScriptDuration * 1000,
      task: m.TaskDuration * 1000,
      longTasks: inPage.longTasks,
      tbt: inPage.tbt,
      cls: inPage.cls,
      heap: m.JSHeapUsedSize,
      nodes: inPage.nodes,
      gated: null,
      dialogCold: null,
      dialogWarm: null,
    };

    if (lib.accept) {
      await page.click(lib.accept, { timeout: TIMEOUT });
      if (lib.accepted) {
        await until(call(lib.accepted), 'accept was clicked but the choice was not stored');
      } else {
        await until('window.__gatedRan !== undefined', 'accept was clicked but the gated analytics script did not run');
        const { gatedRan, clickAt } = await evaluate(
          '({ gatedRan: window.__gatedRan, clickAt: window.__bench.clickAt })',
        );
        if (clickAt === null) fail('the click on the accept button was not seen');
        result.gated = gatedRan - clickAt;
      }
    }
    return result;
  } finally {
    await context.close();
  }
}

/** Opens the preferences the way a visitor does (Playwright's click: pointer moved there, then
 * pressed) and waits for them and for a quiet network: everything the page transferred. */
async function preferencesVisit(browser, lib) {
  const { context, page, net, until, quiet } = await open(browser, lib, { dialog: true });
  try {
    await page.click(lib.preferences, { timeout: TIMEOUT });
    await until('window.__bench.dialogAt !== null', 'the preferences did not open');
    await quiet();
    return { bytesTotal: net.bytes };
  } finally {
    await context.close();
  }
}

/**
 * "choose" → the preferences dialog visible, from the trusted click event (capture listener)
 * to the first frame in which the dialog is open with a non-empty box. The click is a press
 * and a release sent with CDP Input.dispatchMouseEvent at the button's centre (read with
 * Runtime.evaluate), with no mouse move before it: cold, nothing but the press itself can set
 * off a prefetch. With `prefetch`, page.hover() first rests the pointer on the button (what a
 * visitor's pointer does on its way to a click) and the network is let go quiet, then the same
 * press and release. Cold, the page's total transfer is also "transferred in total".
 */
async function dialogVisit(browser, lib, { prefetch }) {
  const { context, page, cdp, net, fail, evaluate, until, quiet } = await open(browser, lib, { dialog: true });
  try {
    if (prefetch) {
      await page.hover(lib.preferences, { timeout: TIMEOUT });
      await quiet();
    }
    const at = await evaluate(`(() => {
      const el = (${lib.preferencesButton.toString()})();
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
    })()`);
    if (!at || at.w <= 0 || at.h <= 0 || at.x < 0 || at.y < 0 || at.x >= 1280 || at.y >= 800)
      fail(`the "choose" button is not in the viewport (${JSON.stringify(at)})`);
    const mouse = { x: at.x, y: at.y, button: 'left', clickCount: 1 };
    await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', buttons: 1, ...mouse });
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', buttons: 0, ...mouse });
    await until('window.__bench.dialogAt !== null', 'the preferences dialog did not become visible');
    const { clickAt, dialogAt } = await evaluate('({ ...window.__bench })');
    if (clickAt === null) fail('the click on "choose" was not seen');
    const result = { [prefetch ? 'dialogWarm' : 'dialogCold']: dialogAt - clickAt };
    if (!prefetch) {
      await quiet();
      result.bytesTotal = net.bytes;
    }
    return result;
  } finally {
    await context.close();
  }
}

/** Every page load of one library in one run, merged into one result. */
async function measure(browser, lib) {
  const result = await firstVisit(browser, lib);
  if (lib.preferencesButton) {
    Object.assign(result, await dialogVisit(browser, lib, { prefetch: false }));
    Object.assign(result, await dialogVisit(browser, lib, { prefetch: true }));
  } else if (lib.preferences) {
    Object.assign(result, await preferencesVisit(browser, lib));
  }
  return result;
}

// --- statistics and the table -----------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const p90 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)];
};

// `Net` keys are the page's value minus the baseline page's of the same run; the baseline
// column shows its absolute value. `vs`: a row of ratios, median over that column's median.
const METRICS = [
  { key: 'bytes', label: 'transferred before the first click (kB, br)', fmt: (v) => (v / 1000).toFixed(1) },
  { key: 'bytesTotal', label: 'transferred in total, preferences opened (kB, br)', fmt: (v) => (v / 1000).toFixed(1) },
  { key: 'banner', label: 'navigation → banner visible (ms)', fmt: (v) => v.toFixed(0) },
  { key: 'scriptNet', label: 'script time − baseline (ms)', fmt: (v) => v.toFixed(1) },
  { key: 'taskNet', label: 'task time − baseline (ms)', fmt: (v) => v.toFixed(1) },
  { key: 'longTasks', label: 'long tasks (count)', fmt: (v) => v.toFixed(0) },
  { key: 'tbt', label: 'long-task time over 50 ms (ms)', fmt: (v) => v.toFixed(0) },
  { key: 'cls', label: 'CLS', fmt: (v) => v.toFixed(3) },
  { key: 'heapNet', label: 'JS heap after GC, above the page (KB)', fmt: (v) => (v / 1024).toFixed(0) },
  { key: 'heapNet', label: 'JS heap above the page ÷ floor median', vs: 'floor' },
  { key: 'nodesNet', label: 'DOM nodes added (incl. shadow)', fmt: (v) => v.toFixed(0) },
  { key: 'gated', label: 'click accept → gated script ran (ms)', fmt: (v) => v.toFixed(1) },
  { key: 'dialogCold', label: 'click choose → dialog visible (ms), cold', fmt: (v) => v.toFixed(1) },
  { key: 'dialogWarm', label: 'click choose → dialog visible (ms), after intent prefetch', fmt: (v) => v.toFixed(1) },
];

function table(results) {
  const libs = [BASELINE, ...COLUMNS];
  const head = ['metric: median / p90 (× yinyom median)', ...libs.map((l) => l.label ?? l.name)];
  const rows = [head, head.map(() => '---')];
  const values = (name, key) => (results[name] ?? []).map((r) => r[key]).filter((v) => v !== null && v !== undefined);
  for (const metric of METRICS) {
    const row = [metric.label];
    if (metric.vs) {
      const ref = values(metric.vs, metric.key);
      const refMed = ref.length ? median(ref) : null;
      for (const lib of libs) {
        const xs = values(lib.name, metric.key);
        row.push(lib.name === 'baseline' || !xs.length || !refMed ? '–' : `×${(median(xs) / refMed).toFixed(2)}`);
      }
      rows.push(row);
      continue;
    }
    const anchorValues = values(ANCHOR, metric.key);
    const anchor = anchorValues.length ? median(anchorValues) : null;
    for (const lib of libs) {
      // the baseline's own script/task time, heap and nodes are shown absolute (its net value is 0 by definition)
      const key = lib.name === 'baseline' && metric.key.endsWith('Net') ? metric.key.slice(0, -3) : metric.key;
      const xs = values(lib.name, key);
      if (!xs.length) {
        row.push('–');
        continue;
      }
      const med = median(xs);
      let cell = `${metric.fmt(med)} / ${metric.fmt(p90(xs))}`;
      if (lib.name !== 'baseline' && anchor !== null) {
        cell += anchor > 0 ? ` (×${(med / anchor).toFixed(2)})` : med === 0 ? ' (×1)' : ' (×∞)';
      }
      row.push(cell);
    }
    rows.push(row);
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}
// --- main -------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [
    ...CHROMIUM_ARGS,
    '--enable-precise-memory-info',
    // vanilla-cookieconsent hides itself from navigator.webdriver (hideFromBots): look like a visitor's browser
    '--disable-blink-features=AutomationControlled',
  ],
});
const mode = args.throttle ? 'throttled: CPU ×4, slow 4G (562.5 ms RTT, 1.47 Mbps down)' : 'unthrottled';
let exitCode = 0;
try {
  // checks (also warm the compression cache, so no run pays for brotli-11)
  for (const lib of PAGES_RUN) {
    await measure(browser, lib);
    console.error(`check ok: ${lib.name}`);
  }
  const results = Object.fromEntries(PAGES_RUN.map((l) => [l.name, []]));
  for (let run = 0; run < RUNS; run++) {
    const order = PAGES_RUN.map((_, i) => PAGES_RUN[(i + run) % PAGES_RUN.length]);
    const base = {};
    for (const lib of order) {
      const r = await measure(browser, lib);
      if (lib.name === 'baseline') Object.assign(base, r);
      results[lib.name].push(r);
    }
    for (const lib of PAGES_RUN) {
      const r = results[lib.name][run];
      r.scriptNet = r.script - base.script;
      r.taskNet = r.task - base.task;
      r.heapNet = r.heap - base.heap;
      r.nodesNet = r.nodes - base.nodes;
    }
    console.error(`run ${run + 1}/${RUNS} done (${mode})`);
  }

  const cpuModel =
    (/^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8')) ?? [])[1] ?? cpus()[0]?.model ?? 'unknown';
  const command = `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const md = [
    `## yinyom bench — ${mode}, ${RUNS} runs`,
    '',
    `- command: \`${command}\``,
    `- machine: ${availableParallelism()} CPUs (nproc), ${cpuModel}; Chromium ${browser.version()}; Node ${process.version}`,
    `- date: ${new Date().toISOString()}`,
    `- libraries: ${selected.map((l) => l.pkg ?? `${l.label ?? l.name} (dist/yinyom.min.js, bench/pages/${l.name}.html)`).join(', ')}`,
    `- floor: lit@${version('lit')} + js-cookie@${version('js-cookie')}, bench/floor/floor-consent.mjs bundled at start with rollup (IIFE, terser as for dist/yinyom.min.js), ${floorBrotli} B brotli: one banner (heading, paragraph, accept/reject/choose) in a shadow root with a small css\`\` block, one cookie read on connect and written on click; it gates nothing and has no preferences.`,
    '- served with brotli (quality 11); one fresh browser context per page load; pages interleaved, order rotated each run.',
    '- script/task time: CDP Performance.getMetrics (ScriptDuration/TaskDuration, main-thread CPU time) once the page is quiet (before the click), minus the baseline page of the same run; the baseline column shows its absolute time.',
    '- banner visible: performance.now() when the banner element first has a non-empty box inside the viewport and is not display:none/visibility:hidden/opacity:0 (checked in requestAnimationFrame, once per frame).',
    '- transferred before the first click: sum of Network.loadingFinished encodedDataLength (headers included) up to the quiet point. In total: a second fresh page whose preferences are opened (yinyom "choose", vanilla-cookieconsent "Preferences", klaro "Let me choose", tarteaucitron "Personalize"), summed until the network is quiet again; Osano and the floor have no preferences, so their total is the first value.',
    '- click accept → gated: window.__gatedRan minus the trusted click event (capture listener); the floor gates nothing ("–").',
    "- heap: JSHeapUsedSize after HeapProfiler.collectGarbage (KB = 1024 B), minus the baseline page of the same run (the baseline column shows its absolute heap), read over CDP before Playwright injects any script into the page; ÷ floor median: the median of that row over the floor's. DOM nodes added: elements in the document and every open shadow root, minus the baseline's, before the click. Long tasks and CLS: PerformanceObserver from an init script.",
    "- click choose → dialog visible (yinyom only, two more fresh pages): from the trusted click event (capture listener) to the first animation frame in which the shadow root's dialog[open] has a non-empty box. Cold: a press and release sent with CDP Input.dispatchMouseEvent at the button's centre, no pointer move before. After intent prefetch: page.hover() on the button, network quiet, then the same press and release.",
    '',
    table(results),
    '',
  ].join('\n');
  console.log(md);
  // one section per mode in the same file: a throttled run replaces only the throttled section
  const tag = args.throttle ? 'throttled' : 'unthrottled';
  const sections = { unthrottled: '', throttled: '' };
  if (existsSync(args.out)) {
    for (const m of readFileSync(args.out, 'utf8').matchAll(/<!-- bench:(\w+) -->\n([\s\S]*?)<!-- \/bench -->/g))
      sections[m[1]] = m[2];
  }
  sections[tag] = md;
  writeFileSync(
    args.out,
    '# yinyom bench results\n\nWritten by `npm run bench` (bench/run.mjs); numbers depend on the machine, compare columns, not files.\n\n' +
      ['unthrottled', 'throttled']
        .filter((k) => sections[k])
        .map((k) => `<!-- bench:${k} -->\n${sections[k]}<!-- /bench -->\n`)
        .join('\n'),
  );
  console.error(`written to ${args.out}`);
} catch (e) {
  if (e instanceof CheckFailed) {
    console.error(`check failed — ${e.message}`);
    exitCode = 1;
  } else {
    console.error(e);
    exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(TMP, { recursive: true, force: true });
}
process.exit(exitCode);
