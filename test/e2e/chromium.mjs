// Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core, for the
// e2e suite. Not a test file. `startChromium()` → { server, browser, open(path), close() };
// every `open()` gets a fresh browser context whose network is stubbed (see harness.mjs).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/lib/browsers.mjs';
import { answerRequest, INIT_SCRIPT, onReport, settle, requireBundle, startServer } from './harness.mjs';

export async function startChromium() {
  requireBundle();
  const server = await startServer();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts = new Set();

  /**
   * A fresh context + page, network stubbed and logged, at `path` (not yet loaded if null).
   * `context`: Playwright's context options (viewport, locale, colorScheme, …).
   */
  async function open(path, { waitUntil = 'load', context: contextOptions } = {}) {
    const context = await browser.newContext(contextOptions);
    contexts.add(context);
    const session = {
      context,
      page: null,
      /** every request: { url, host, type, consent, aborted? } */
      log: [],
      /** securitypolicyviolation events, from every document of the page */
      violations: [],
      /** console errors and page errors, for diagnostics */
      errors: [],
      /** the page's consent states, as reported by yinyom-ready / yinyom-change: { at, state } */
      timeline: [],
      cookies: async () => (await context.cookies()).map((c) => c.name).sort(),
      rawCookies: () => context.cookies(),
      goto: (p) => session.page.goto(server.url(p), { waitUntil }),
      reload: () => session.page.reload({ waitUntil }),
      evaluate: (fn, arg) => session.page.evaluate(fn, arg),
      /** Clicks a part of the element's (open) shadow DOM, e.g. `reject-button`. */
      clickPart: (part, within = '') =>
        session.page.locator(`yinyom-consent ${within} [part~="${part}"]`.replace(/\s+/g, ' ')).click(),
      check: (selector) => session.page.locator(selector).check(),
      partVisible: (part) => session.page.locator(`yinyom-consent [part~="${part}"]`).isVisible(),
      /** Runs `action` (which makes the page reload) and waits until the new document has loaded. */
      expectReload: async (action) => {
        const loaded = session.page.waitForEvent('load');
        await action();
        await loaded;
      },
      settle: (quiet) => settle(session, quiet),
      close: async () => {
        contexts.delete(context);
        await context.close().catch(() => {});
      },
    };
    await context.exposeBinding('__e2eReport', (_source, kind, value) => onReport(session, kind, value));
    await context.addInitScript({ content: INIT_SCRIPT });
    await context.route('**/*', async (route, request) => {
      await answerRequest(session, request.url(), request.resourceType(), {
        pass: () => route.continue(),
        abort: () => route.abort('blockedbyclient'),
        fulfill: (response) => route.fulfill(response),
      });
    });
    const page = await context.newPage();
    session.page = page;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') session.errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => session.errors.push(`pageerror: ${e.message}`));
    if (path) await page.goto(server.url(path), { waitUntil });
    return session;
  }

  async function close() {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server.close();
  }

  return { server, browser, open, close };
}
