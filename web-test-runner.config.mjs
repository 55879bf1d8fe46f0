// @ts-check
/**
 * web-test-runner config: real Chromium, Firefox and WebKit from Debian's packages.
 *
 * Engines:  YINYOM_BROWSERS=chromium,firefox,webkit (default: all three), e.g.
 *             YINYOM_BROWSERS=chromium npm test
 *             YINYOM_BROWSERS=firefox node scripts/test.mjs --files test/core/foo.test.ts
 * Coverage: v8, Chromium only; ON by default (YINYOM_COVERAGE=0 turns it off).
 *           The threshold applies to full runs only: it is skipped when --files is given
 *           (a partial run cannot meet it) or when Chromium is not among the engines.
 *
 * Run through `npm test` / `node scripts/test.mjs`, which checks the system packages,
 * wraps the run in xvfb-run when WebKit needs a display, and prints the totals line.
 * See shared/BROWSERS.md for why each engine is driven the way it is.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';

// esbuild comes with @web/dev-server-esbuild; resolve it from there, not from hoisting
const requireFromPlugin = createRequire(createRequire(import.meta.url).resolve('@web/dev-server-esbuild'));
/** @type {typeof import('esbuild')} */
const { transformSync, buildSync } = requireFromPlugin('esbuild');

const BINARIES = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  miniBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
};
const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];

const engines = (process.env.YINYOM_BROWSERS || ALL_ENGINES.join(','))
  .split(',')
  .map(s => s.trim().toLowerCase())
  .filter(Boolean);
const unknown = engines.filter(e => !ALL_ENGINES.includes(e));
if (unknown.length || engines.length === 0) {
  throw new Error(
    `YINYOM_BROWSERS must be a comma list of ${ALL_ENGINES.join(', ')}; got "${process.env.YINYOM_BROWSERS}"`,
  );
}

const argv = process.argv.slice(2);
const partialRun = argv.some(a => a === '--files' || a.startsWith('--files=') || a === '--group');
const ci = !!process.env.CI && process.env.CI !== 'false';
const coverage = engines.includes('chromium') && process.env.YINYOM_COVERAGE !== '0';
const rootDir = fileURLToPath(new URL('.', import.meta.url));
const COVERAGE_DIRS = ['src', 'locales']; // = coverageConfig.include below

/** engine id by launcher object: the reporter keys sessions on it */
const engineOf = new Map();

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver on a free port; it is killed when this process exits. */
async function startWebKitWebDriver() {
  if (!process.env.DISPLAY) {
    throw new Error(
      'WebKit (MiniBrowser) needs an X display and DISPLAY is not set. Run through ' +
        '`node scripts/test.mjs` (it wraps the run in `xvfb-run -a`), or set YINYOM_BROWSERS=chromium,firefox.',
    );
  }
  for (const bin of [BINARIES.webkitDriver, BINARIES.miniBrowser]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: apt-get install -y --no-install-recommends webkit2gtk-driver`,
      );
    }
  }
  const port = await freePort();
  const driver = spawn(BINARIES.webkitDriver, [`--port=${port}`, '--host=local'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  driver.stderr?.on('data', d => {
    stderr += d;
  });
  const kill = () => {
    if (driver.exitCode === null && driver.signalCode === null) driver.kill('SIGTERM');
  };
  // wtr stops on SIGINT and exits; 'exit' covers that and the normal end. SIGTERM and
  // SIGHUP would end the process without 'exit' and leave the driver behind.
  process.on('exit', kill);
  process.once('SIGTERM', () => process.exit(143));
  process.once('SIGHUP', () => process.exit(129));
  // wait until it answers /status (fail fast instead of the 30-60 s launcher timeouts)
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (driver.exitCode !== null) {
      throw new Error(`WebKitWebDriver exited with code ${driver.exitCode}: ${stderr.trim()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`WebKitWebDriver did not start on port ${port} within 15 s: ${stderr.trim()}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return port;
}

const browsers = [];
if (engines.includes('chromium')) {
  const l = playwrightLauncher({
    product: 'chromium',
    launchOptions: {
      executablePath: BINARIES.chromium,
      headless: true,
      // keep Chromium from calling Google's hosts, which this network refuses
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  });
  engineOf.set(l, 'chromium');
  browsers.push(l);
}
if (engines.includes('firefox')) {
  // puppeteer-core over WebDriver BiDi drives stock Firefox ESR (no geckodriver in Debian).
  const l = chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: BINARIES.firefox,
      headless: true,
    },
  });
  engineOf.set(l, 'firefox');
  browsers.push(l);
}
if (engines.includes('webkit')) {
  const port = await startWebKitWebDriver();
  const l = webdriverLauncher({
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    connectionRetryCount: 0,
    capabilities: {
      browserName: 'MiniBrowser',
      // without it webdriverio asks for BiDi and the session fails: "Failed to match capabilities"
      'wdio:enforceWebDriverClassic': true,
      // @ts-ignore vendor capability
      'webkitgtk:browserOptions': {
        binary: BINARIES.miniBrowser,
        args: ['--automation'],
      },
    },
  });
  // WebKitWebDriver serves one session at a time
  l.concurrency = 1;
  engineOf.set(l, 'webkit');
  browsers.push(l);
}

/** @param {any} results */
function countResults(results) {
  const c = { passed: 0, failed: 0, skipped: 0 };
  const walk = (/** @type {any} */ suite) => {
    if (!suite) return;
    for (const t of suite.tests ?? []) {
      if (t.skipped) c.skipped++;
      else if (t.passed) c.passed++;
      else c.failed++;
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  walk(results);
  return c;
}

/** .ts files (not .d.ts) under dir, absolute paths. */
function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap(d => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return tsFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * v8 coverage only knows the files a test loaded: a source file that no test imports is
 * invisible to the threshold. List those (skipping type-only files, which compile to
 * nothing and are never fetched by the browser).
 * @param {any} testCoverage
 */
function filesNeverLoaded(testCoverage) {
  const covered = new Set((testCoverage?.coverageMap?.files?.() ?? []).map(f => resolve(rootDir, f)));
  return COVERAGE_DIRS.flatMap(d => tsFiles(join(rootDir, d)))
    .filter(f => !covered.has(f))
    .filter(f => {
      const { code } = transformSync(readFileSync(f, 'utf8'), { loader: 'ts', format: 'esm' });
      return code.replace(/export\s*\{\s*\};?/g, '').trim() !== '';
    })
    .map(f => relative(rootDir, f).split(sep).join('/'));
}

/**
 * Counts passed / failed / skipped tests per engine. A test file that failed without any
 * failing test (import error, uncaught error, timeout, browser crash) counts as one failed.
 * With YINYOM_RESULTS_FILE set (scripts/test.mjs sets it) the counts go there as JSON and
 * scripts/test.mjs prints them after the run; otherwise they are printed here.
 * @returns {import('@web/test-runner').Reporter}
 */
function countingReporter() {
  return {
    stop({ sessions, testCoverage }) {
      /** @type {Record<string, {passed: number, failed: number, skipped: number, fileErrors: number}>} */
      const perEngine = {};
      for (const e of engines) perEngine[e] = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const session of sessions) {
        const engine = engineOf.get(session.browser) ?? session.browser.name;
        const row = (perEngine[engine] ??= { passed: 0, failed: 0, skipped: 0, fileErrors: 0 });
        const c = countResults(session.testResults);
        row.passed += c.passed;
        row.failed += c.failed;
        row.skipped += c.skipped;
        if (session.passed === false && c.failed === 0) {
          row.failed += 1;
          row.fileErrors += 1;
        }
      }
      const total = { passed: 0, failed: 0, skipped: 0 };
      for (const row of Object.values(perEngine)) {
        total.passed += row.passed;
        total.failed += row.failed;
        total.skipped += row.skipped;
      }
      // full runs with coverage: every source file must be loaded by some test
      const neverLoaded = coverage && !partialRun ? filesNeverLoaded(testCoverage) : [];
      if (neverLoaded.length) {
        console.log(
          `\nCoverage: ${neverLoaded.length} source file(s) matched by coverageConfig.include were ` +
            `never loaded by any test, so the threshold cannot see them:\n` +
            neverLoaded.map(f => `  - ${f}`).join('\n') +
            '\nTest them (or, if a file only holds types, make it type-only).\n',
        );
        // wtr exits through process.exit(passed ? 0 : 1): turn that into a failure
        process.on('exit', () => {
          process.exitCode = 1;
        });
      }
      const out = process.env.YINYOM_RESULTS_FILE;
      if (out) {
        writeFileSync(out, JSON.stringify({ perEngine, total, neverLoaded }, null, 2));
      } else {
        console.log('');
        for (const [e, r] of Object.entries(perEngine)) {
          console.log(`  ${e.padEnd(9)}${r.passed} passed ${r.failed} failed ${r.skipped} skipped`);
        }
        console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
      }
    },
  };
}

/**
 * Test helpers that re-export a CommonJS library (React), served bundled as one ES module:
 * the dev server transforms files one by one and cannot load CommonJS. Built once per run.
 * @type {Record<string, string>}
 */
const BUNDLED_HELPERS = { '/test/helpers/react.ts': 'test/helpers/react.ts', '/test/helpers/vue.ts': 'test/helpers/vue.ts' };
/** @type {Map<string, string>} */
const bundles = new Map();
/** @type {import('@web/dev-server-core').Plugin} */
const bundledHelpers = {
  name: 'yinyom-bundled-helpers',
  // After esbuildPlugin's per-file transform, which it replaces.
  transform(context) {
    const entry = BUNDLED_HELPERS[context.path];
    if (!entry) return;
    if (!bundles.has(entry)) {
      const { outputFiles } = buildSync({
        entryPoints: [join(rootDir, entry)],
        bundle: true,
        format: 'esm',
        write: false,
        target: 'es2022',
        define: {
          'process.env.NODE_ENV': '"development"',
          __VUE_OPTIONS_API__: 'true',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        },
        // Vue's default entry has no template compiler.
        alias: { vue: 'vue/dist/vue.esm-bundler.js' },
      });
      bundles.set(entry, outputFiles[0].text);
    }
    return { body: bundles.get(entry), transformCache: false };
  },
};

/** @type {import('@web/test-runner').TestRunnerConfig} */
/**
 * A consent-receipt endpoint for the receipt tests: POST /test/receipts stores the body
 * (per test run, in memory), GET /test/receipts returns them all as a JSON array.
 * Koa middleware, as @web/dev-server takes it.
 */
const receipts = [];
async function receiptSink(context, next) {
  if (context.path !== '/test/receipts') return next();
  if (context.method === 'POST') {
    let body = '';
    for await (const chunk of context.req) body += chunk;
    receipts.push({ contentType: context.get('content-type'), body });
    context.status = 204;
    return;
  }
  context.type = 'application/json';
  context.set('Cache-Control', 'no-store');
  context.body = JSON.stringify(receipts);
}

export default {
  rootDir,
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  middleware: [receiptSink],
  browsers,
  // The webdriver launcher runs each test file in its own top-level page only when the
  // global concurrency is 1 (otherwise it runs files in iframes, where focus and keyboard
  // tests misbehave), so with WebKit in the run every engine goes one file at a time.
  ...(engines.includes('webkit') ? { concurrency: 1 } : {}),
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: {
    config: { ui: 'bdd', timeout: 10_000 },
  },
  // Lit's dev-mode banner on every test file is noise; other browser logs are kept
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  staticLogging: ci || !process.stdout.isTTY,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: true }), countingReporter()],
  coverage,
  coverageConfig: {
    include: ['src/**/*.ts', 'locales/**/*.ts'],
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcov'],
    ...(partialRun ? {} : { threshold: { statements: 85, branches: 75, functions: 85, lines: 85 } }),
  },
  plugins: [
    esbuildPlugin({
      ts: true,
      // 'auto' leaves decorators untouched for current Chromium/Firefox -> SyntaxError
      target: 'auto-always',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    bundledHelpers,
  ],
};
