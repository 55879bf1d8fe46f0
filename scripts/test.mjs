#!/usr/bin/env node
/**
 * `npm test` entry: runs web-test-runner (web-test-runner.config.mjs) in real browsers.
 *
 *   node scripts/test.mjs                                   all engines, coverage + threshold
 *   YINYOM_BROWSERS=chromium node scripts/test.mjs          one engine
 *   node scripts/test.mjs --files test/core/x.test.ts       some files (no coverage threshold)
 *
 * Extra arguments go to web-test-runner as they are. WebKit (MiniBrowser) needs an X display:
 * without DISPLAY this script re-runs itself under `xvfb-run -a`. After the run it prints the
 * counts per engine and one total line, `N passed, N failed, N skipped`, and exits with
 * web-test-runner's exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APT_ALL, parseEngines, REQUIRED } from './lib/browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const started = Date.now();

function fail(msg) {
  console.error(`\nscripts/test.mjs: ${msg}\n`);
  process.exit(1);
}

let engines;
try {
  engines = parseEngines();
} catch (error) {
  fail(error.message);
}

const missing = engines.flatMap((e) => REQUIRED[e].filter(([bin]) => !existsSync(bin)));

const hasCmd = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const needXvfb = engines.includes('webkit') && !process.env.DISPLAY;
if (needXvfb && !hasCmd('xvfb-run')) missing.push(['xvfb-run', 'xvfb']);

if (missing.length) {
  const pkgs = [...new Set(missing.map(([, pkg]) => pkg))];
  fail(
    `missing ${missing.map(([bin]) => bin).join(', ')} (Debian package${pkgs.length > 1 ? 's' : ''} ${pkgs.join(', ')}).\n` +
      `Install the browsers the tests run in (as root):\n\n    ${APT_ALL}\n\n` +
      `or run fewer engines, e.g. YINYOM_BROWSERS=chromium npm test`,
  );
}

/**
 * Runs a child in its own process group and forwards SIGINT/SIGTERM/SIGHUP to the whole
 * group, so xvfb-run, Xvfb, WebKitWebDriver and the browsers all see them. Once the child
 * is gone, whatever is left in its group (e.g. an Xvfb that xvfb-run did not get to stop)
 * gets SIGTERM.
 */
function run(cmd, cmdArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit', detached: true });
    const signalGroup = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* group already gone */
      }
    };
    const handlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((sig) => {
      const h = () => signalGroup(sig);
      process.on(sig, h);
      return [sig, h];
    });
    child.on('error', (err) => fail(`could not start ${cmd}: ${err.message}`));
    child.on('exit', (code, signal) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      signalGroup('SIGTERM');
      resolve(code ?? (signal ? 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal] ?? 0) : 1));
    });
  });
}

if (needXvfb) {
  // MiniBrowser has no headless mode. xvfb-run's default screen is 640x480x8: ask for more.
  const code = await run(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, fileURLToPath(import.meta.url), ...args],
    { ...process.env, YINYOM_UNDER_XVFB: '1' },
  );
  process.exit(code);
}
if (engines.includes('webkit') && !process.env.DISPLAY) {
  fail('WebKit needs an X display and DISPLAY is not set even under xvfb-run.');
}

const require = createRequire(import.meta.url);
// @web/test-runner's "exports" hides package.json: walk up from its main file
let wtrPkgPath = dirname(require.resolve('@web/test-runner'));
while (!existsSync(join(wtrPkgPath, 'package.json'))) wtrPkgPath = dirname(wtrPkgPath);
wtrPkgPath = join(wtrPkgPath, 'package.json');
const wtrPkg = JSON.parse(readFileSync(wtrPkgPath, 'utf8'));
const wtrBin = join(dirname(wtrPkgPath), typeof wtrPkg.bin === 'string' ? wtrPkg.bin : wtrPkg.bin['web-test-runner']);

const tmp = mkdtempSync(join(tmpdir(), 'yinyom-wtr-'));
const resultsFile = join(tmp, 'results.json');
console.log(`web-test-runner ${wtrPkg.version}: ${engines.join(', ')}${args.length ? ` (${args.join(' ')})` : ''}`);

const code = await run(process.execPath, [wtrBin, '--config', join(root, 'web-test-runner.config.mjs'), ...args], {
  ...process.env,
  YINYOM_RESULTS_FILE: resultsFile,
});

const seconds = ((Date.now() - started) / 1000).toFixed(1);
let results;
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  results = undefined;
}
rmSync(tmp, { recursive: true, force: true });

console.log('');
if (!results) {
  console.log(`web-test-runner reported no test results (exit code ${code}, ${seconds} s).`);
  process.exit(code === 0 ? 1 : code);
}
console.log(`Results by engine (${seconds} s in all):`);
for (const [engine, r] of Object.entries(results.perEngine)) {
  const fileErrors = r.fileErrors ? `  (${r.fileErrors} of them test files that failed outside a test)` : '';
  console.log(
    `  ${engine.padEnd(9)}${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped${fileErrors}`,
  );
}
const t = results.total;
if (code !== 0 && t.failed === 0) {
  console.log(
    `web-test-runner exited with code ${code} although no test failed (coverage threshold or runner error, see above).`,
  );
}
console.log(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
process.exit(code);
