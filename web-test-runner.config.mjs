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
 * CI:       with CI set, a `.only` left in a test fails the run (mocha's forbidOnly).
 *
 * Run through `npm test` / `node scripts/test.mjs`, which checks the system packages,
 * wraps the run in xvfb-run when WebKit needs a display, and prints the totals line.
 * The pieces live in test/runner/: launchers.mjs (how each engine is driven),
 * reporter.mjs (per-engine counts), coverage.mjs (source files no test loaded),
 * receipts.mjs (the receipt endpoint), script-build.mjs (dist's script files as built, or broken),
 * bundled-helpers.mjs (React/Vue test helpers).
 * Browser paths and the YINYOM_BROWSERS parsing: scripts/lib/browsers.mjs.
 */
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { parseEngines } from './scripts/lib/browsers.mjs';
import { bundledHelpers } from './test/runner/bundled-helpers.mjs';
import { filesNeverLoaded } from './test/runner/coverage.mjs';
import { launchers } from './test/runner/launchers.mjs';
import { receiptSink } from './test/runner/receipts.mjs';
import { countingReporter } from './test/runner/reporter.mjs';
import { scriptBuild } from './test/runner/script-build.mjs';

const engines = parseEngines();
const argv = process.argv.slice(2);
const partialRun = argv.some((a) => a === '--files' || a.startsWith('--files=') || a === '--group');
const ci = !!process.env.CI && process.env.CI !== 'false';
const coverage = engines.includes('chromium') && process.env.YINYOM_COVERAGE !== '0';
const rootDir = fileURLToPath(new URL('.', import.meta.url));
const COVERAGE_DIRS = ['src', 'locales']; // = coverageConfig.include below

const { browsers, engineOf } = await launchers(engines);

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  middleware: [receiptSink, scriptBuild],
  browsers,
  // The webdriver launcher runs each test file in its own top-level page only when the
  // global concurrency is 1 (otherwise it runs files in iframes, where focus and keyboard
  // tests misbehave), so with WebKit in the run every engine goes one file at a time.
  ...(engines.includes('webkit') ? { concurrency: 1 } : {}),
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: {
    // forbidOnly: in CI an `it.only`/`describe.only` fails the run instead of skipping the rest
    config: { ui: 'bdd', timeout: 10_000, ...(ci ? { forbidOnly: true } : {}) },
  },
  // Lit's dev-mode banner on every test file is noise; other browser logs are kept
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  staticLogging: ci || !process.stdout.isTTY,
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: true }),
    countingReporter({
      engines,
      engineOf,
      // full runs with coverage: every source file must be loaded by some test
      neverLoaded: (testCoverage) =>
        coverage && !partialRun ? filesNeverLoaded(rootDir, COVERAGE_DIRS, testCoverage) : [],
    }),
  ],
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
      // 'auto-always' compiles every file for the engine that asks (by user agent): to the
      // plugin's "latest modern" target for browsers it knows as current, else to its lowest
      // ES-module target. 'auto' would only strip the types for the newest Chromium/Firefox
      // and hand them the rest as written.
      target: 'auto-always',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    bundledHelpers(rootDir),
  ],
};
