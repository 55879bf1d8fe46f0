// Firefox ESR (/usr/bin/firefox-esr, or YINYOM_E2E_FIREFOX) driven by puppeteer-core over
// WebDriver BiDi, for the e2e suite. Not a test file. `startFirefox()` → { server, browser,
// open(path), close() }, or throws with the reason Firefox cannot be used (the test file
// then skips, saying why).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { firefoxPath } from '../../scripts/lib/browsers.mjs';
import { answerRequest, INIT_SCRIPT, onReport, requireBundle, settle, startServer, waitFor } from './harness.mjs';

const FIREFOX_PATH = firefoxPath();

/** puppeteer-core, as installed for @web/test-runner-chrome (not a direct dependency). */
async function loadPuppeteer() {
  try {
    return (await import('puppeteer-core')).default;
  } catch {
    const require = createRequire(import.meta.url);
    const chrome = require.resolve('@web/test-runner-chrome');
    return (await import(createRequire(chrome).resolve('puppeteer-core'))).default;
  }
}

export async function startFirefox() {
  requireBundle();
  const puppeteer = await loadPuppeteer();
  const server = await startServer();
  let browser;
  const contexts = new Set();

  async function open(path) {
    const context = await browser.createBrowserContext();
    contexts.add(context);
    const page = await context.newPage();
    const session = {
      context,
      page,
      log: [],
      violations: [],
      errors: [],
      timeline: [],
      cookies: async () => (await context.cookies()).map((c) => c.name).sort(),
      rawCookies: () => context.cookies(),
      goto: (p) => page.goto(server.url(p), { waitUntil: 'load' }),
      reload: () => page.reload({ waitUntil: 'load' }),
      evaluate: (fn, arg) => page.evaluate(fn, arg),
      clickPart: (part, within = '') =>
        page.locator(`yinyom-consent >>> ${within} [part~="${part}"]`.replace(/\s+/g, ' ')).click(),
      check: (selector) => page.locator(selector.replace(/^yinyom-consent /, 'yinyom-consent >>> ')).click(),
      partVisible: async (part) => {
        const handle = await page.$(`yinyom-consent >>> [part~="${part}"]`);
        try {
          return handle ? await handle.isVisible() : false;
        } finally {
          await handle?.dispose();
        }
      },
      expectReload: async (action) => {
        const loaded = page.waitForNavigation({ waitUntil: 'load' });
        await action();
        await loaded;
      },
      settle: (quiet) => settle(session, quiet),
      close: async () => {
        contexts.delete(context);
        await context.close().catch(() => {});
      },
    };
    await page.exposeFunction('__e2eReport', (kind, value) => onReport(session, kind, value));
    await page.evaluateOnNewDocument(INIT_SCRIPT);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') session.errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => session.errors.push(`pageerror: ${e.message}`));
    await page.setRequestInterception(true);
    page.on('request', async (request) => {
      // BiDi has no resource types (puppeteer throws): navigations vs everything else.
      await answerRequest(session, request.url(), request.isNavigationRequest() ? 'document' : 'other', {
        pass: () => request.continue(),
        abort: () => request.abort('blockedbyclient'),
        fulfill: (response) => request.respond(response),
      });
    });
    if (path) await session.goto(path);
    return session;
  }

  async function close() {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server.close();
  }

  const firstLine = (error) =>
    String(error?.message ?? error)
      .split('\n')
      .find((l) => l.trim()) ?? 'unknown error';
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      protocol: 'webDriverBiDi',
    });
  } catch (error) {
    await close();
    throw new Error(`could not launch ${FIREFOX_PATH} over WebDriver BiDi: ${firstLine(error)}`, { cause: error });
  }
  try {
    // Probe: request interception must both see and answer a tracker request.
    const probe = await open(null);
    try {
      await probe.page.goto(server.url('/test/e2e/fixtures/first-party.js'));
      await probe.evaluate(() => {
        const s = document.createElement('script');
        s.src = 'https://static.hotjar.com/c/probe.js';
        document.head.append(s);
      });
      await waitFor(() => probe.evaluate(() => (globalThis.__order ?? []).includes('hotjar.js')), {
        timeout: 5000,
        message: 'an intercepted (stubbed) script to run',
      });
    } finally {
      await probe.close();
    }
  } catch (error) {
    await close();
    throw new Error(`request interception over WebDriver BiDi did not work: ${firstLine(error)}`, { cause: error });
  }
  return { server, browser, open, close };
}

/**
 * Starts Firefox for a test file, or says why it cannot: resolves `{ firefox, skip }`, where
 * `skip` is false or the reason (also printed, so the output says why the file skipped).
 */
export async function firefoxOrSkip() {
  let skip = false;
  let firefox = null;
  if (!existsSync(FIREFOX_PATH)) skip = `Firefox skipped: ${FIREFOX_PATH} not found`;
  else {
    try {
      firefox = await startFirefox();
    } catch (error) {
      skip = `Firefox skipped: ${error.message}`;
    }
  }
  if (skip) console.log(`# ${skip}`);
  return { firefox, skip };
}
