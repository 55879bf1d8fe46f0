// Shared plumbing for the end-to-end "zero-request proof" suite (node --test test/e2e/).
// Not a test file: it only exports helpers, so running it on its own does nothing.
//
// - the repository's static server (scripts/lib/server.mjs) on a free port, adding a real
//   Content-Security-Policy header to /test/e2e/fixtures/csp-* pages;
// - stub responses for the tracker hosts (no internet: everything else non-local is aborted);
// - a request log shared by the Playwright (Chromium) and puppeteer (Firefox) drivers.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer as startStaticServer } from '../../scripts/lib/server.mjs';

export { ROOT };
export const BUNDLE = join(ROOT, 'dist', 'yinyom.min.js');
export const FIXTURES = '/test/e2e/fixtures';
export const NONCE = 'abc123';

/** Fails the suite early, and clearly, when the script-tag build is missing. */
export function requireBundle() {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run npm run build first`);
  }
}

/** `sha384-…` of a file under the repository root, as an `integrity` attribute wants it. */
export function sri(path) {
  return (
    'sha384-' +
    createHash('sha384')
      .update(readFileSync(join(ROOT, path)))
      .digest('base64')
  );
}

// --- server ------------------------------------------------------------------------------

/**
 * The CSP pages' policies, chosen with `?csp=<name>` (default `strict-dynamic`). A meta
 * CSP cannot be varied per request and misses `report-only`/frame-ancestors semantics, so
 * the server sends a real header.
 */
export function cspPolicies(origin) {
  return {
    'strict-dynamic': `script-src 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'`,
    'nonce-only': `script-src 'nonce-${NONCE}' ${origin}; style-src 'self'; object-src 'none'; base-uri 'none'`,
    // 'strict-dynamic' plus Trusted Types: lit-html renders the notice, yinyom revives scripts.
    'trusted-types': `script-src 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html yinyom`,
    // The same as 'strict-dynamic', sent as Content-Security-Policy-Report-Only (see below).
    'report-only': `script-src 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'`,
  };
}

/** The policies sent as Content-Security-Policy-Report-Only rather than enforced. */
export const REPORT_ONLY_POLICIES = ['report-only'];

/** The response header a CSP page's policy travels in (lower case, as drivers report headers). */
export const cspHeaderName = (name) =>
  REPORT_ONLY_POLICIES.includes(name) ? 'content-security-policy-report-only' : 'content-security-policy';

const isCspPage = (url) => url.pathname.startsWith(`${FIXTURES}/csp-`) && url.pathname.endsWith('.html');
const cspName = (url) => url.searchParams.get('csp') ?? 'strict-dynamic';

/**
 * Starts the repository's static server on a free port, with the suite's own answers:
 * first-party beacons (any POST, /collect) get 204, and a CSP page gets its policy's header
 * (400 for an unknown `?csp=`). Resolves `{ origin, url(path), requests, close() }`.
 */
export function startServer() {
  return startStaticServer({
    log: true,
    route: ({ req, url }) => {
      // first-party endpoints a fixture may beacon to (the cookieless counter)
      if (req.method === 'POST' || url.pathname === '/collect') return { status: 204 };
      if (isCspPage(url) && !Object.hasOwn(cspPolicies(''), cspName(url)))
        return { status: 400, body: `unknown csp ${cspName(url)}\n` };
      return undefined;
    },
    // Report-only: monitored, not enforced, as sites often roll a policy out. The browser
    // reports what it would block and blocks nothing, so only yinyom's own checks stand.
    headers: ({ url, origin }) =>
      isCspPage(url) ? { [cspHeaderName(cspName(url))]: cspPolicies(origin)[cspName(url)] } : undefined,
  });
}

// --- tracker stubs ----------------------------------------------------------------------

export const TRACKER_HOSTS = [
  'www.googletagmanager.com',
  'www.google-analytics.com',
  'region1.google-analytics.com',
  'connect.facebook.net',
  'www.facebook.com',
  'cdn.matomo.cloud',
  'static.hotjar.com',
  'www.youtube-nocookie.com',
  'www.youtube.com',
];
export const GOOGLE_HOSTS = ['www.googletagmanager.com', 'www.google-analytics.com', 'region1.google-analytics.com'];
export const ANALYTICS_HOSTS = [...GOOGLE_HOSTS, 'cdn.matomo.cloud'];
export const META_HOSTS = ['connect.facebook.net', 'www.facebook.com'];
export const YOUTUBE_HOSTS = ['www.youtube-nocookie.com', 'www.youtube.com'];
export const MARKETING_HOSTS = [...META_HOSTS, ...YOUTUBE_HOSTS, 'static.hotjar.com'];

const JS = 'text/javascript; charset=utf-8';
// Scripts record that they ran in `globalThis.__order` (the page's document order check).
const GTAG_JS = `(function () {
  (globalThis.__order = globalThis.__order || []).push('gtag.js');
  window.dataLayer = window.dataLayer || [];
  var id = Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000);
  document.cookie = '_ga=GA1.1.' + id + '; path=/; max-age=63072000; SameSite=Lax';
  navigator.sendBeacon('https://www.google-analytics.com/g/collect?v=2&tid=G-TEST&cid=' + id + '&en=page_view');
})();
`;
const FBEVENTS_JS = `(function () {
  window.__fbeventsLoaded = true;
  document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=7776000; SameSite=Lax';
  new Image().src = 'https://www.facebook.com/tr/?id=000000000000000&ev=PageView';
})();
`;
const MATOMO_JS = `(globalThis.__order = globalThis.__order || []).push('matomo.js');\n`;
const HOTJAR_JS = `(globalThis.__order = globalThis.__order || []).push('hotjar.js');\n`;
const EMBED_HTML = '<!doctype html><title>stub embed</title><p>video</p>';
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The stub for a tracker URL: `{ status, contentType, body, delay }`, or null (abort).
 * gtag.js is answered after a delay so that a gate which did not wait for an external
 * script would run the inline `gtag('config')` first and fail the order check.
 */
export function stubFor(url) {
  const { hostname, pathname } = new URL(url);
  switch (hostname) {
    case 'www.googletagmanager.com':
      return pathname.startsWith('/gtag/js') ? { status: 200, contentType: JS, body: GTAG_JS, delay: 150 } : null;
    case 'www.google-analytics.com':
    case 'region1.google-analytics.com':
      return { status: 204, contentType: 'text/plain', body: '' };
    case 'connect.facebook.net':
      return pathname.endsWith('/fbevents.js') ? { status: 200, contentType: JS, body: FBEVENTS_JS } : null;
    case 'www.facebook.com':
      return pathname.startsWith('/tr') ? { status: 200, contentType: 'image/gif', body: GIF } : null;
    case 'cdn.matomo.cloud':
      return { status: 200, contentType: JS, body: MATOMO_JS };
    case 'static.hotjar.com':
      return { status: 200, contentType: JS, body: HOTJAR_JS };
    case 'www.youtube-nocookie.com':
    case 'www.youtube.com':
      return { status: 200, contentType: 'text/html; charset=utf-8', body: EMBED_HTML };
    default:
      return null;
  }
}

export const isLocal = (url) => {
  try {
    const { hostname, protocol } = new URL(url);
    return protocol === 'data:' || protocol === 'blob:' || protocol === 'about:' || hostname === '127.0.0.1';
  } catch {
    return false;
  }
};

export const hostOf = (url) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** Requests (from a log) to any of `hosts` (default: every tracker host), from index `since`. */
export function requestsTo(log, hosts = TRACKER_HOSTS, since = 0) {
  return log.slice(since).filter((entry) => hosts.includes(entry.host));
}

/**
 * A request log entry. `consent` is the page's consent state when the request was made:
 * the last yinyom-ready/yinyom-change reported with a page timestamp not after the moment
 * the driver saw the request (reports travel asynchronously, so it is resolved lazily).
 */
export function logEntry(session, url, type) {
  const at = Date.now();
  return {
    url,
    host: hostOf(url),
    type,
    at,
    get consent() {
      let state = 'none';
      for (const event of session.timeline) if (event.at <= at) state = event.state;
      return state;
    },
  };
}

/** Handles the page's `__e2eReport(kind, value)` calls (see INIT_SCRIPT). */
export function onReport(session, kind, value) {
  if (kind === 'consent') session.timeline.push(JSON.parse(value));
  else if (kind === 'violation') session.violations.push(JSON.parse(value));
}

/** One line per request, for failure messages. */
export const describe = (entries) =>
  entries.map((e) => `  ${e.type} ${e.url} (consent: ${e.consent})`).join('\n') || '  (none)';

/**
 * Runs in every document before any of its scripts: records CSP violations and reports the
 * consent state to the test (through `report`, a function the driver exposes, when present).
 */
export const INIT_SCRIPT = `(() => {
  const report = (kind, value) => { try { window.__e2eReport && window.__e2eReport(kind, value); } catch {} };
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = {
      directive: e.effectiveDirective || e.violatedDirective,
      blockedURI: e.blockedURI,
      sourceFile: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
      disposition: e.disposition,
      page: location.pathname + location.search,
    };
    window.__violations.push(v);
    report('violation', JSON.stringify(v));
  }, true);
  const state = (consent) => {
    if (!consent) return 'none';
    return Object.entries(consent.categories).filter(([k]) => k !== 'necessary').map(([k, v]) => k + '=' + (v ? 1 : 0)).join(',');
  };
  // Stamped in the page, so a report that reaches the test late still dates correctly.
  const send = (e) => report('consent', JSON.stringify({ state: state(e.detail && e.detail.consent), at: Date.now() }));
  addEventListener('yinyom-ready', send, true);
  addEventListener('yinyom-change', send, true);
})();`;

/** Polls `check` (sync or async) until it returns a truthy value or `timeout` ms pass. */
export async function waitFor(check, { timeout = 5000, interval = 25, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Document order of the scripts on gated.html, per consent (see the fixture). */
export const ORDER = {
  reject: ['first-party', 'cookieless'],
  analytics: ['first-party', 'gtag.js', 'gtag-config', 'matomo.js'],
  all: ['first-party', 'gtag.js', 'gtag-config', 'meta-snippet', 'matomo.js', 'hotjar.js'],
};

/**
 * Waits until the page has loaded and no request has started for `quiet` ms: long enough
 * for anything gated that would (wrongly) run to have asked for its URL.
 */
export async function settle(session, quiet = 250) {
  await waitFor(() => session.evaluate(() => document.readyState === 'complete'), { message: 'document complete' });
  let count = session.log.length;
  let since = Date.now();
  await waitFor(
    () => {
      if (session.log.length !== count) {
        count = session.log.length;
        since = Date.now();
      }
      return Date.now() - since >= quiet;
    },
    { timeout: 10_000, message: 'the network to go quiet' },
  );
}

/**
 * A node:test body that runs `scenario` in a fresh session of `browser` (its `open()`), and
 * attaches the page's console to the report when it fails (always with YINYOM_E2E_CONSOLE=1).
 */
export const scenarioTest = (browser, scenario, options) => async (t) => {
  const session = await browser().open(null);
  let failed = true;
  try {
    await scenario(session, options);
    failed = false;
  } finally {
    if ((failed || process.env.YINYOM_E2E_CONSOLE) && session.errors.length) {
      for (const line of ['page console:', ...session.errors]) t.diagnostic(line);
    }
    await session.close();
  }
};

/**
 * Logs a request and answers it the same way in every driver: local ones pass, tracker hosts
 * get their stub, anything else is aborted. `reply` adapts the driver's request object.
 */
export async function answerRequest(session, url, type, reply) {
  const entry = logEntry(session, url, type);
  session.log.push(entry);
  try {
    if (isLocal(url)) return await reply.pass();
    const stub = stubFor(url);
    if (!stub) {
      entry.aborted = true;
      return await reply.abort();
    }
    if (stub.delay) await new Promise((r) => setTimeout(r, stub.delay));
    await reply.fulfill({
      status: stub.status,
      contentType: stub.contentType,
      body: stub.body,
      headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
    });
  } catch {
    // the page went away meanwhile, or the request was not interceptable
  }
}
