// @ts-check
import { writeFileSync } from 'node:fs';

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

/**
 * Counts passed / failed / skipped tests per engine. A test file that failed without any
 * failing test (import error, uncaught error, timeout, browser crash) counts as one failed.
 * With YINYOM_RESULTS_FILE set (scripts/test.mjs sets it) the counts go there as JSON and
 * scripts/test.mjs prints them after the run; otherwise they are printed here.
 *
 * `neverLoaded(testCoverage)` lists source files no test loaded (see coverage.mjs): when it
 * names any, they are printed and the run fails.
 * @param {{ engines: string[], engineOf: Map<unknown, string>, neverLoaded: (testCoverage: any) => string[] }} options
 * @returns {import('@web/test-runner').Reporter}
 */
export function countingReporter({ engines, engineOf, neverLoaded }) {
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
      const missed = neverLoaded(testCoverage);
      if (missed.length) {
        console.log(
          `\nCoverage: ${missed.length} source file(s) matched by coverageConfig.include were ` +
            `never loaded by any test, so the threshold cannot see them:\n` +
            missed.map((f) => `  - ${f}`).join('\n') +
            '\nTest them (or, if a file only holds types, make it type-only).\n',
        );
        // wtr exits through process.exit(passed ? 0 : 1): turn that into a failure
        process.on('exit', () => {
          process.exitCode = 1;
        });
      }
      const out = process.env.YINYOM_RESULTS_FILE;
      if (out) {
        writeFileSync(out, JSON.stringify({ perEngine, total, neverLoaded: missed }, null, 2));
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
