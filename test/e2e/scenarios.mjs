// The e2e scenarios, written once against a small driver-neutral session (see chromium.mjs
// and firefox.test.mjs): goto/reload/evaluate/clickPart/check/partVisible/cookies/settle,
// plus `log` (every request, with the page's consent state when it was made).
// Not a test file.
import assert from 'node:assert/strict';
import {
  ANALYTICS_HOSTS,
  GOOGLE_HOSTS,
  MARKETING_HOSTS,
  META_HOSTS,
  ORDER,
  YOUTUBE_HOSTS,
  describe,
  requestsTo,
  waitFor,
} from './harness.mjs';

export const GATED_PAGE = '/test/e2e/fixtures/gated.html';

const order = (s) => s.evaluate(() => window.__order ?? []);
const storageKeys = (s) =>
  s.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
const iframeSrc = (s) => s.evaluate(() => document.querySelector('iframe[data-consent]').getAttribute('src'));

/** Every tracker request must have been made while its category was granted. */
function assertConsentAtRequestTime(s, since = 0) {
  const bad = requestsTo(s.log, undefined, since).filter((e) => {
    const needs = ANALYTICS_HOSTS.includes(e.host) ? ['analytics'] : ['marketing'];
    if (e.host === 'static.hotjar.com') needs.push('analytics');
    return !needs.every((c) => e.consent.split(',').includes(`${c}=1`));
  });
  assert.deepEqual(bad, [], `tracker requests made without consent:\n${describe(bad)}`);
}

async function assertNoTrackers(s, since, when) {
  const leaked = requestsTo(s.log, undefined, since);
  assert.equal(leaked.length, 0, `${when}: expected zero tracker requests, got:\n${describe(leaked)}`);
}

/** 1. Before any choice: nothing leaves the page, nothing is stored, the banner shows. */
export async function beforeAnyChoice(s) {
  await s.goto(GATED_PAGE);
  await waitFor(() => s.partVisible('banner'), { message: 'the banner to be visible' });
  await s.settle();
  await assertNoTrackers(s, 0, 'before any choice');
  assert.deepEqual(await s.cookies(), [], 'no cookie at all before any choice (not even yinyom)');
  const keys = await storageKeys(s);
  const foreign = [...keys.local, ...keys.session].filter((k) => !k.startsWith('yinyom:'));
  assert.deepEqual(foreign, [], 'only yinyom:* keys in localStorage/sessionStorage');
  assert.equal(await s.evaluate(() => window.yinyom.getConsent()), null);
  assert.deepEqual(await order(s), ['first-party'], 'only the ungated script ran');
  assert.equal(await iframeSrc(s), null, 'the gated iframe has no src');
  assert.equal(await s.evaluate(() => typeof window.fbq), 'undefined');
}

/** 2. Reject all: still zero trackers, only the consent cookie, `!analytics` ran; also after reload. */
export async function afterRejectAll(s) {
  await s.goto(GATED_PAGE);
  await waitFor(() => s.partVisible('reject-button'), { message: 'the reject button' });
  await s.clickPart('reject-button');
  await waitFor(async () => (await s.cookies()).includes('yinyom'), { message: 'the consent cookie' });
  await waitFor(async () => (await order(s)).includes('cookieless'), { message: 'the !analytics script to run' });
  await s.settle();
  await assertNoTrackers(s, 0, 'after reject all');
  assert.deepEqual(await s.cookies(), ['yinyom'], 'only the consent cookie');
  const [cookie] = await s.rawCookies();
  assert.equal(cookie.domain, '127.0.0.1', 'host-only consent cookie');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.secure, false, 'no Secure on plain http');
  const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
  assert.ok(days > 179 && days <= 180, `expires in 180 days (got ${days.toFixed(2)})`);
  assert.deepEqual(await order(s), ORDER.reject);
  assert.equal(await s.partVisible('banner'), false, 'the banner is gone');
  const consent = await s.evaluate(() => window.yinyom.getConsent());
  assert.equal(consent.method, 'reject-all');
  assert.deepEqual(consent.categories, { necessary: true, analytics: false, marketing: false });
  assert.ok(
    s.log.some((e) => e.url.includes('/collect?cookieless=1')),
    'the cookieless counter beaconed',
  );

  const mark = s.log.length;
  await s.reload();
  await waitFor(async () => (await order(s)).includes('cookieless'), { message: '!analytics after reload' });
  await s.settle();
  await assertNoTrackers(s, mark, 'after reject all + reload');
  assert.deepEqual(await s.cookies(), ['yinyom'], 'only the consent cookie after reload');
  assert.deepEqual(await order(s), ORDER.reject, 'order after reload');
  assert.equal(await s.partVisible('banner'), false, 'no banner on the next page view');
}

/** 3. Analytics only: GA requests and `_ga`, nothing from Meta/YouTube/Hotjar; document order. */
export async function afterAnalyticsOnly(s, { viaUI = false } = {}) {
  await s.goto(GATED_PAGE);
  await waitFor(() => s.partVisible('banner'), { message: 'the banner' });
  if (viaUI) {
    await s.clickPart('preferences-button');
    await s.check('yinyom-consent #category-analytics');
    await s.clickPart('save-button', '[part~="dialog"]');
  } else {
    await s.evaluate(() => void window.yinyom.save({ analytics: true }));
  }
  await waitFor(() => requestsTo(s.log, ['www.google-analytics.com']).length > 0, { message: 'the GA beacon' });
  await waitFor(async () => (await s.cookies()).includes('_ga'), { message: 'the _ga cookie' });
  await waitFor(async () => (await order(s)).includes('matomo.js'), { message: 'the last analytics script' });
  await s.settle();
  const consent = await s.evaluate(() => window.yinyom.getConsent());
  assert.deepEqual(consent.categories, { necessary: true, analytics: true, marketing: false });
  assert.ok(requestsTo(s.log, ['www.googletagmanager.com']).length === 1, 'gtag.js loaded once');
  const marketing = requestsTo(s.log, MARKETING_HOSTS);
  assert.deepEqual(marketing, [], `no marketing request with analytics only:\n${describe(marketing)}`);
  assert.deepEqual(await s.cookies(), ['_ga', 'yinyom']);
  assert.deepEqual(await order(s), ORDER.analytics, 'gated scripts ran in document order');
  assert.equal(await iframeSrc(s), null, 'the marketing iframe stays empty');
  assertConsentAtRequestTime(s);

  // A returning visitor: the stored choice revives the same scripts, in the same order.
  const mark = s.log.length;
  await s.reload();
  await waitFor(async () => (await order(s)).includes('matomo.js'), { message: 'analytics scripts after reload' });
  await s.settle();
  assert.ok(requestsTo(s.log, GOOGLE_HOSTS, mark).length >= 2, 'gtag.js + beacon again after reload');
  assert.deepEqual(requestsTo(s.log, MARKETING_HOSTS, mark), [], 'still no marketing after reload');
  assert.deepEqual(await order(s), ORDER.analytics, 'document order after reload');
  assertConsentAtRequestTime(s);
}

/** 4. Accept all: marketing too — fbevents, the pixel, the YouTube iframe. */
export async function afterAcceptAll(s) {
  await s.goto(GATED_PAGE);
  await waitFor(() => s.partVisible('accept-button'), { message: 'the accept button' });
  await s.clickPart('accept-button');
  await waitFor(() => requestsTo(s.log, ['www.facebook.com']).length > 0, { message: 'the Meta pixel request' });
  await waitFor(async () => (await order(s)).includes('hotjar.js'), { message: 'the last gated script' });
  await waitFor(() => requestsTo(s.log, YOUTUBE_HOSTS).length > 0, { message: 'the YouTube embed request' });
  await waitFor(async () => (await s.cookies()).includes('_fbp'), { message: 'the _fbp cookie' });
  await s.settle();
  assert.equal(
    requestsTo(s.log, ['connect.facebook.net']).filter((e) => e.url.endsWith('/en_US/fbevents.js')).length,
    1,
    'fbevents.js requested once',
  );
  assert.ok(requestsTo(s.log, META_HOSTS).some((e) => e.url.startsWith('https://www.facebook.com/tr/')));
  assert.equal(await iframeSrc(s), 'https://www.youtube-nocookie.com/embed/xyz');
  const embed = requestsTo(s.log, YOUTUBE_HOSTS);
  assert.deepEqual(
    embed.map((e) => [e.url, e.type]),
    [['https://www.youtube-nocookie.com/embed/xyz', 'document']],
    'the embed loaded once, as a frame document',
  );
  assert.equal(
    await s.evaluate(() => document.querySelector('img[data-consent]').getAttribute('src')),
    'https://www.facebook.com/tr/?id=000000000000000&ev=ViewContent',
  );
  assert.ok(requestsTo(s.log, GOOGLE_HOSTS).length >= 2, 'analytics too');
  assert.deepEqual(await s.cookies(), ['_fbp', '_ga', 'yinyom']);
  assert.deepEqual(await order(s), ORDER.all, 'gated scripts ran in document order');
  assert.equal(await s.evaluate(() => window.__fbeventsLoaded), true);
  const noscript = s.log.filter((e) => e.url.includes('noscript=1'));
  assert.deepEqual(noscript, [], 'the <noscript> pixel is never fetched');
  assertConsentAtRequestTime(s);
}

/** 6. Withdrawal: accept all, then reject all → `_ga`/`_fbp` deleted, one reload, nothing after. */
export async function withdrawal(s) {
  await s.goto(GATED_PAGE);
  await waitFor(() => s.partVisible('accept-button'), { message: 'the accept button' });
  await s.clickPart('accept-button');
  await waitFor(
    async () => {
      const names = await s.cookies();
      return names.includes('_ga') && names.includes('_fbp');
    },
    { message: '_ga and _fbp' },
  );
  await waitFor(async () => (await order(s)).includes('hotjar.js'), { message: 'every gated script' });
  // Let what the acceptance started (the YouTube frame's request) land before the mark.
  await waitFor(() => requestsTo(s.log, ['www.youtube-nocookie.com']).length > 0, { message: 'the YouTube frame' });
  await s.settle();
  const mark = s.log.length;
  // yinyom reloads the page itself after withdrawing categories whose scripts ran
  await s.expectReload(() => s.evaluate(() => void setTimeout(() => window.yinyom.rejectAll())));
  await waitFor(async () => (await order(s)).includes('cookieless'), { message: '!analytics after the reload' });
  await s.settle();
  assert.deepEqual(await s.cookies(), ['yinyom'], '_ga and _fbp were deleted');
  const after = requestsTo(s.log, undefined, mark);
  assert.deepEqual(after, [], `no tracker request after withdrawal:\n${describe(after)}`);
  const documents = s.log.slice(mark).filter((e) => e.type === 'document' && e.url.endsWith('/gated.html'));
  assert.equal(documents.length, 1, 'exactly one reload');
  assert.deepEqual(await order(s), ORDER.reject);
  const consent = await s.evaluate(() => window.yinyom.getConsent());
  assert.equal(consent.method, 'reject-all');
}
