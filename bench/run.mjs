#!/usr/bin/env node
// npm run bench — yinyom against other script-tag cookie-consent libraries (issue #7).
//
//   node bench/run.mjs [--runs N] [--throttle] [--only a,b] [--out bench/results.md]
//
// Serves bench/pages/<name>.html (the same host page plus one library, configured with
// necessary/analytics/marketing, accept/reject/preferences and one gated analytics script
// that sets window.__gatedRan) from the repository's static server (scripts/lib/server.mjs),
// answering with brotli (quality 11, compressed once per file, Content-Encoding: br) like a
// CDN. /lib/<pkg>/… is node_modules/<pkg>/…, /dist/… the repository's build. Drives Debian's Chromium with
// playwright-core, one fresh context per page load, pages interleaved run by run (the order
// rotates each run). Every page is checked first (banner appears, nothing gated before
// consent, accept runs it); any failed check, then or later, exits 1 naming the library.
// Installs nothing: the libraries are devDependencies. Chromium: CHROMIUM_PATH, else Debian's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
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
const YINYOM = {
  name: 'yinyom',
  pkg: null,
  banner: () => document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('[part~="banner"]') ?? null,
  accept: 'yinyom-consent [part~="accept-button"]',
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
  },
  {
    name: 'tarteaucitron',
    label: 'tarteaucitronjs',
    pkg: 'tarteaucitronjs@1.34.0',
    banner: () => document.querySelector('#tarteaucitronAlertBig'),
    accept: '#tarteaucitronAlertBig #tarteaucitronPersonalize2',
  },
];
const BASELINE = { name: 'baseline', label: 'baseline (no library)', pkg: null, banner: null, accept: null };
const selected = args.only ? LIBS.filter((l) => args.only.split(',').includes(l.name)) : LIBS;
if (!selected.length) throw new Error(`--only matched nothing; names: ${LIBS.map((l) => l.name).join(', ')}`);
const PAGES_RUN = [BASELINE, ...selected];
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

// --- the server: brotli like a CDN ------------------------------------------------------
const hostHtml = readFileSync(join(PAGES, '_host.html'), 'utf8');
const hostCss = readFileSync(join(PAGES, '_host.css'), 'utf8');
const server = await startServer({
  root: PAGES,
  mounts: { '/lib/': 'node_modules', '/dist/': 'dist' },
  // every page shares one host page and stylesheet
  transform: (file, body) =>
    file.startsWith(PAGES + sep) && file.endsWith('.html')
      ? body.toString('utf8').replace('<!--HOST_CSS-->', hostCss).replace('<!--HOST-->', hostHtml)
      : body,
  brotli: true,
});
const ORIGIN = server.origin;

// --- in-page instrumentation (runs before any page script) -------------------------------
const initScript = (bannerFn) => `(() => {
  const B = window.__bench = { bannerAt: null, clickAt: null, longTasks: [], shifts: [] };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) B.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) B.shifts.push({ t: e.startTime, v: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  addEventListener('click', () => { if (B.clickAt === null) B.clickAt = performance.now(); }, true);
  ${
    bannerFn
      ? `const find = ${bannerFn.toString()};
  const shown = (el) => {
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
  };
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
})();`;

// --- one page load ----------------------------------------------------------------------
// DevTools' "Slow 4G" as Lighthouse applies it (150 ms RTT × 3.75, 1.6 Mbps × 0.9 down).
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 0.9 * 1024) / 8,
};
const TIMEOUT = args.throttle ? 60_000 : 15_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class CheckFailed extends Error {}

async function measure(browser, lib) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript({ content: initScript(lib.banner) });
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    let inflight = 0;
    let lastNet = Date.now();
    cdp.on('Network.requestWillBeSent', () => {
      inflight++;
      lastNet = Date.now();
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      inflight--;
      lastNet = Date.now();
    });
    cdp.on('Network.loadingFailed', () => {
      inflight--;
      lastNet = Date.now();
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

    await page.goto(`${ORIGIN}/${lib.name}.html`, { waitUntil: 'load', timeout: TIMEOUT });
    if (lib.banner) {
      const ok = await page
        .waitForFunction(() => window.__bench.bannerAt !== null, null, { timeout: TIMEOUT, polling: 50 })
        .then(
          () => true,
          () => false,
        );
      if (!ok) fail('the banner did not become visible');
    }
    // settle: load done, no request in flight for 500 ms, then 500 ms more for late work
    const end = Date.now() + TIMEOUT;
    while (inflight > 0 || Date.now() - lastNet < 500) {
      if (Date.now() > end) fail('the network did not go quiet');
      await sleep(50);
    }
    await sleep(500);

    if ((await page.evaluate(() => window.__gatedRan)) !== undefined)
      fail('the gated analytics script ran before consent');

    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const inPage = await page.evaluate(() => {
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
    });
    const result = {
      bytes,
      banner: inPage.bannerAt,
      script: m.ScriptDuration * 1000,
      task: m.TaskDuration * 1000,
      longTasks: inPage.longTasks,
      tbt: inPage.tbt,
      cls: inPage.cls,
      heap: m.JSHeapUsedSize,
      nodes: inPage.nodes,
      gated: null,
    };

    if (lib.accept) {
      await page.click(lib.accept, { timeout: TIMEOUT });
      const ran = await page
        .waitForFunction(() => window.__gatedRan !== undefined, null, { timeout: TIMEOUT, polling: 20 })
        .then(
          () => true,
          () => false,
        );
      if (!ran) fail('accept was clicked but the gated analytics script did not run');
      const { gatedRan, clickAt } = await page.evaluate(() => ({
        gatedRan: window.__gatedRan,
        clickAt: window.__bench.clickAt,
      }));
      if (clickAt === null) fail('the click on the accept button was not seen');
      result.gated = gatedRan - clickAt;
    }
    return result;
  } finally {
    await context.close();
  }
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

const METRICS = [
  { key: 'bytes', label: 'transferred (kB, br)', fmt: (v) => (v / 1000).toFixed(1) },
  { key: 'banner', label: 'navigation → banner visible (ms)', fmt: (v) => v.toFixed(0) },
  { key: 'scriptNet', label: 'script time − baseline (ms)', fmt: (v) => v.toFixed(1) },
  { key: 'taskNet', label: 'task time − baseline (ms)', fmt: (v) => v.toFixed(1) },
  { key: 'longTasks', label: 'long tasks (count)', fmt: (v) => v.toFixed(0) },
  { key: 'tbt', label: 'long-task time over 50 ms (ms)', fmt: (v) => v.toFixed(0) },
  { key: 'cls', label: 'CLS', fmt: (v) => v.toFixed(3) },
  { key: 'heap', label: 'JS heap after GC (MB)', fmt: (v) => (v / 1e6).toFixed(2) },
  { key: 'nodes', label: 'DOM nodes (incl. shadow)', fmt: (v) => v.toFixed(0) },
  { key: 'gated', label: 'click accept → gated script ran (ms)', fmt: (v) => v.toFixed(1) },
];

function table(results) {
  const libs = [BASELINE, ...selected];
  const head = ['metric: median / p90 (× yinyom median)', ...libs.map((l) => l.label ?? l.name)];
  const rows = [head, head.map(() => '---')];
  for (const metric of METRICS) {
    const anchor = results[ANCHOR] ? median(results[ANCHOR].map((r) => r[metric.key])) : null;
    const row = [metric.label];
    for (const lib of libs) {
      // the baseline's own script/task time is shown absolute (its net value is 0 by definition)
      const key = lib.name === 'baseline' && metric.key.endsWith('Net') ? metric.key.slice(0, -3) : metric.key;
      const xs = results[lib.name].map((r) => r[key]).filter((v) => v !== null && v !== undefined);
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
    '- served with brotli (quality 11); one fresh browser context per page load; pages interleaved, order rotated each run.',
    '- script/task time: CDP Performance.getMetrics (ScriptDuration/TaskDuration, main-thread CPU time) once the page is quiet (before the click), minus the baseline page of the same run; the baseline column shows its absolute time.',
    '- banner visible: performance.now() when the banner element first has a non-empty box inside the viewport and is not display:none/visibility:hidden/opacity:0 (checked in requestAnimationFrame, once per frame).',
    '- transferred: sum of Network.loadingFinished encodedDataLength (headers included) up to the quiet point, before the click. click → gated: window.__gatedRan minus the trusted click event (capture listener).',
    '- heap: JSHeapUsedSize after HeapProfiler.collectGarbage; long tasks and CLS: PerformanceObserver from an init script.',
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
}
process.exit(exitCode);
