// @ts-check
/**
 * web-test-runner launchers for Debian's Chromium, Firefox ESR and WebKitGTK (MiniBrowser):
 *
 * - Chromium: playwright-core with Debian's binary (Playwright's own Firefox/WebKit modes
 *   need its patched builds, which cannot be downloaded here);
 * - Firefox: puppeteer-core over WebDriver BiDi (Debian has no geckodriver);
 * - WebKit: WebDriver against a WebKitWebDriver this process starts on a free port and
 *   stops on exit. MiniBrowser has no headless mode: it needs an X display (scripts/test.mjs
 *   runs everything under `xvfb-run -a` for it).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { BINARIES, QUIET_CHROMIUM_ARGS } from '../../scripts/lib/browsers.mjs';

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const srv = createServer();
      srv.unref();
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        const port = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(port));
      });
    })
  );
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
      throw new Error(`${bin} is missing: apt-get install -y --no-install-recommends webkit2gtk-driver`);
    }
  }
  const port = await freePort();
  const driver = spawn(BINARIES.webkitDriver, [`--port=${port}`, '--host=local'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  driver.stderr?.on('data', (d) => {
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
    await new Promise((r) => setTimeout(r, 100));
  }
  return port;
}

/**
 * One launcher per engine, in the order given. `engineOf` maps each launcher back to its
 * engine id (the counting reporter keys sessions on it).
 * @param {string[]} engines
 */
export async function launchers(engines) {
  /** @type {import('@web/test-runner').BrowserLauncher[]} */
  const browsers = [];
  /** @type {Map<unknown, string>} */
  const engineOf = new Map();
  if (engines.includes('chromium')) {
    const l = playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: BINARIES.chromium, headless: true, args: QUIET_CHROMIUM_ARGS },
    });
    engineOf.set(l, 'chromium');
    browsers.push(l);
  }
  if (engines.includes('firefox')) {
    const l = chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: BINARIES.firefox, headless: true },
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
        'webkitgtk:browserOptions': { binary: BINARIES.miniBrowser, args: ['--automation'] },
      },
    });
    // WebKitWebDriver serves one session at a time (wtr reads `concurrency` off any launcher)
    /** @type {import('@web/test-runner').BrowserLauncher} */ (l).concurrency = 1;
    engineOf.set(l, 'webkit');
    browsers.push(l);
  }
  return { browsers, engineOf };
}
