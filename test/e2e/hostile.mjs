// Hostile gated markup under a real Content-Security-Policy header (fixtures/csp-hostile.html),
// written once for both drivers like scenarios.mjs. Gated markup may come from an attacker
// (HTML sanitisers keep data-* attributes), so after "accept all" none of it may become live
// script, while the page's own nonce'd gated scripts still run. Not a test file.
import assert from 'node:assert/strict';
import { FIXTURES, cspHeaderName, cspPolicies, describe, waitFor } from './harness.mjs';

export const HOSTILE_PAGE = `${FIXTURES}/csp-hostile.html`;
/** The javascript: frames, one per spelling (see the fixture); each id is also its payload's label. */
export const FRAMES = [
  'frame-upper',
  'frame-space',
  'frame-control',
  'frame-tab',
  'frame-entity-tab',
  'frame-newline',
  'frame-colon',
];
/** <a>, <area> and SVG <a> with data-href="javascript:…". */
export const LINKS = ['link-a', 'link-area', 'link-svg'];
const HOSTILE_SCRIPTS = ['script-inline', 'script-src'];
/** What runs once everything is accepted: the ungated script, then the page's own gated ones. */
const OWN_ORDER = ['first-party', 'own-inline', 'own-external'];

/** The labels of the hostile payloads that ran (each pushes its own), or null. */
const pwned = (s) => s.evaluate(() => window.__pwned ?? null);
const requestsMatching = (s, pattern) => s.log.filter((e) => pattern.test(e.url));

/**
 * No payload of one attack ran (labels starting with one of `prefixes`). Asserted first, so
 * that a failing test names its own attack, not another one sharing the page.
 */
async function assertNoPayload(s, prefixes, when) {
  const ran = ((await pwned(s)) ?? []).filter((label) => prefixes.some((prefix) => label.startsWith(prefix)));
  assert.deepEqual(ran, [], `${when}: no ${prefixes.map((p) => `${p}*`).join(' / ')} payload ran`);
}

/** This page view's "yinyom: this gated <tag> stays inert: …" console errors. */
export const inert = (s, tag, since) =>
  s.errors.slice(since).filter((line) => line.includes(`yinyom: this gated <${tag}> stays inert:`));

/**
 * Loads the page under `policy` and accepts all. Checks on the way that the header is the
 * one asked for, that nothing gated ran before the choice, and which frames had a
 * placeholder then. Resolves `{ since, placeholders }`: where this page view's console
 * starts in `s.errors`, and the ids of the frames a placeholder stood for.
 */
export async function acceptAllOnHostilePage(s, policy) {
  const since = s.errors.length;
  const response = await s.goto(`${HOSTILE_PAGE}?csp=${policy}`);
  const origin = new URL(response.url()).origin;
  assert.equal(response.headers()[cspHeaderName(policy)], cspPolicies(origin)[policy], `the ${policy} policy header`);
  await waitFor(() => s.partVisible('banner'), { message: `the banner under ${policy}` });
  await s.settle();
  assert.deepEqual(
    await s.evaluate(() => window.__order),
    ['first-party'],
    'only the ungated script before the choice',
  );
  assert.equal(await pwned(s), null, 'nothing hostile ran before the choice');
  const placeholders = await s.evaluate(() =>
    Array.from(document.querySelectorAll('yinyom-placeholder'), (p) => p.nextElementSibling?.id ?? '?'),
  );
  await ownChainDone(s, () => s.clickPart('accept-button'));
  return { since, placeholders };
}

/** Reloads (a returning visitor: the stored choice revives during page load). Resolves `since`. */
export async function reloadHostilePage(s) {
  const since = s.errors.length;
  await ownChainDone(s, () => s.reload());
  return { since };
}

/**
 * Runs `action`, then waits for the last gated element of the page, the page's own external
 * script, to be requested (from wherever a <base> points) — or for the policy to object to
 * something, which the assertions then show in full.
 */
async function ownChainDone(s, action) {
  const mark = s.log.length;
  const violations = s.violations.length;
  await action();
  await waitFor(
    () => s.log.slice(mark).some((e) => e.url.endsWith('/own-gated.js')) || s.violations.length > violations,
    {
      message: "the page's own external gated script to be requested",
    },
  );
  await s.settle();
}

/**
 * What every hostile check ends with: no payload at all ran, the policy objected to nothing,
 * the page's own scripts ran, and yinyom logged no error but its refusals.
 */
async function assertPageIntact(s, since, when) {
  assert.deepEqual(await pwned(s), null, `${when}: no hostile payload ran`);
  assert.deepEqual(
    s.violations,
    [],
    `${when}: zero CSP/Trusted Types violations:\n${JSON.stringify(s.violations, null, 2)}`,
  );
  // Requested is not yet run: on a busy machine the last script may still be compiling.
  const order = () => s.evaluate(() => window.__order ?? []);
  await waitFor(async () => (await order()).length >= OWN_ORDER.length, {
    timeout: 5000,
    message: "the page's own gated scripts to run",
  }).catch(() => {});
  assert.deepEqual(await order(), OWN_ORDER, `${when}: the page's own nonce'd gated scripts ran, in order`);
  const stray = s.errors.slice(since).filter((line) => line.includes('yinyom:') && !line.includes('stays inert:'));
  assert.deepEqual(stray, [], `${when}: no other yinyom error`);
}

/** 1. javascript: frames: no placeholder to click, no src after "accept all", one error each. */
export async function assertFramesInert(s, { since, placeholders }, when) {
  await assertNoPayload(s, ['frame-'], when);
  if (placeholders) {
    assert.deepEqual(
      placeholders,
      ['video'],
      'only the page\'s own frame had a placeholder ("show this one only") before the choice',
    );
  }
  const frames = await s.evaluate(
    (ids) =>
      ids.map((id) => [
        id,
        document.getElementById(id).getAttribute('src'),
        document.getElementById(id).getAttribute('data-yinyom-state'),
      ]),
    FRAMES,
  );
  assert.deepEqual(
    frames,
    FRAMES.map((id) => [id, null, null]),
    `${when}: every javascript: frame kept no src and was never taken`,
  );
  assert.equal(
    await s.evaluate(() => document.getElementById('video').getAttribute('src')),
    'https://www.youtube-nocookie.com/embed/xyz',
    `${when}: the page's own frame loaded`,
  );
  assert.equal(
    await s.evaluate(() => document.querySelectorAll('yinyom-placeholder').length),
    0,
    `${when}: no placeholder left`,
  );
  const errors = inert(s, 'iframe', since);
  for (const id of FRAMES) {
    assert.equal(
      errors.filter((line) => line.includes(`'${id}'`)).length,
      1,
      `${when}: one console error for #${id}:\n${errors.join('\n')}`,
    );
  }
  assert.equal(errors.length, FRAMES.length, `${when}: one console error per frame`);
  await assertPageIntact(s, since, when);
}

/** 2. javascript: links and a <base>: no live href, even when clicked; the base URL stays the page's. */
export async function assertLinksInert(s, { since }, when) {
  // A visitor clicking them: a live javascript: href would run its payload now.
  await s.evaluate((ids) => {
    for (const id of ids) {
      const link = document.getElementById(id);
      if (typeof link.click === 'function') link.click();
      else link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    }
  }, LINKS);
  await s.settle();
  await assertNoPayload(s, ['link-'], `${when}, links clicked`);
  const links = await s.evaluate(
    (ids) => ids.map((id) => [id, document.getElementById(id).getAttribute('href')]),
    [...LINKS, 'base'],
  );
  assert.deepEqual(
    links,
    [...LINKS, 'base'].map((id) => [id, null]),
    `${when}: no href on any hostile link or the <base>`,
  );
  assert.equal(
    await s.evaluate(() => document.baseURI === location.href),
    true,
    `${when}: the base URL is still the page's`,
  );
  const evil = requestsMatching(s, /evil\.example/);
  assert.deepEqual(evil, [], `${when}: nothing fetched through the hostile <base>:\n${describe(evil)}`);
  assert.equal(inert(s, 'a', since).length, 2, `${when}: one console error each for <a> and SVG <a>`);
  assert.equal(inert(s, 'area', since).length, 1, `${when}: one console error for <area>`);
  assert.equal(inert(s, 'base', since).length, 1, `${when}: one console error for <base>`);
  await assertPageIntact(s, since, `${when}, links clicked`);
}

/**
 * 3. Gated scripts without the nonce: the parsed ones stay text/plain, and so do two more
 * injected once everything is allowed (the MutationObserver path, where gated markup goes
 * live at once). Injection uses script sinks that Trusted Types forbid, hence `inject`.
 */
export async function assertScriptsInert(s, { since }, when, { inject = true } = {}) {
  await assertNoPayload(s, ['script-'], when);
  const scripts = await s.evaluate(() =>
    Array.from(document.querySelectorAll('script[data-consent]'), (el) => [
      el.id,
      el.getAttribute('type'),
      el.getAttribute('data-yinyom-state'),
    ]),
  );
  assert.deepEqual(
    scripts,
    [
      // Each original stays, inert and marked; its live copy comes right after it.
      ['own-inline', 'text/plain', 'done'],
      ['own-inline', null, 'done'],
      ...HOSTILE_SCRIPTS.map((id) => [id, 'text/plain', null]),
      ['own-external', 'text/plain', 'done'],
      ['own-external', null, 'done'],
    ],
    `${when}: only the page's own gated scripts were revived`,
  );
  let expected = HOSTILE_SCRIPTS.length;
  if (inject) {
    await s.evaluate(() => {
      const inline = document.createElement('script');
      inline.type = 'text/plain';
      inline.dataset.consent = 'analytics';
      inline.text = "(window.__pwned = window.__pwned || []).push('injected-inline');";
      const external = document.createElement('script');
      external.type = 'text/plain';
      external.dataset.consent = 'analytics';
      external.src = '/test/e2e/fixtures/hostile.js?injected';
      document.getElementById('comments').append(inline, external);
    });
    expected += 2;
    await waitFor(async () => inert(s, 'script', since).length >= expected || (await pwned(s)), {
      message: 'the injected scripts to be refused (or to run)',
    });
    await s.settle();
    await assertNoPayload(s, ['injected-', 'script-'], `${when}, scripts injected`);
  }
  const fetched = requestsMatching(s, /\/hostile\.js/);
  assert.deepEqual(fetched, [], `${when}: the hostile script file was never even fetched:\n${describe(fetched)}`);
  const errors = inert(s, 'script', since);
  assert.equal(
    errors.length,
    expected,
    `${when}: one console error per script without the nonce:\n${errors.join('\n')}`,
  );
  for (const line of errors) assert.match(line, /runs under a CSP nonce and this script does not carry it/);
  await assertPageIntact(s, since, when);
}

// --- scenarios: accept all and check, then reload as a returning visitor (the stored choice
// revives during page load, another path through the gate) and check again ---------------

const acceptThenReload =
  (check, options) =>
  async (s, { policy }) => {
    await check(s, await acceptAllOnHostilePage(s, policy), 'after accept all', options);
    await check(s, await reloadHostilePage(s), 'after reload', options);
  };

export const framesScenario = acceptThenReload(assertFramesInert);
export const linksScenario = acceptThenReload(assertLinksInert);
export const scriptsScenario = acceptThenReload(assertScriptsInert);

/** Under Trusted Types: the notice shows, nonce'd gated scripts run, every attack stays inert. */
export async function trustedTypesScenario(s) {
  const check = async (view, when) => {
    await assertScriptsInert(s, view, when, { inject: false });
    await assertFramesInert(s, view, when);
    await assertLinksInert(s, view, when);
  };
  await check(await acceptAllOnHostilePage(s, 'trusted-types'), 'after accept all');
  await check(await reloadHostilePage(s), 'after reload');
  // Last, since it makes a violation of its own: zero violations above was not an
  // unenforced policy.
  const enforced = await s.evaluate(() => {
    try {
      document.createElement('script').text = '0';
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(enforced, true, 'the page enforces Trusted Types: a plain string into a script sink throws');
}

/**
 * The hostile tests for one driver, by name and scenario, so that Chromium and Firefox run
 * the same checks under the same titles: the three attacks under each policy, then Trusted Types.
 */
export function hostileTests(policies) {
  return [
    ...policies.flatMap((policy) => [
      [
        `hostile 1. ${policy}: <iframe data-src="javascript:…"> in seven spellings gets no placeholder, no src, runs nothing`,
        framesScenario,
        { policy },
      ],
      [
        `hostile 2. ${policy}: <a>, <area>, SVG <a> data-href="javascript:…" get no href, <base data-href> is not re-pointed`,
        linksScenario,
        { policy },
      ],
      [
        `hostile 3. ${policy}: gated scripts without the nonce (inline, src, injected later) stay inert; the nonce'd ones run`,
        scriptsScenario,
        { policy },
      ],
    ]),
    [
      "Trusted Types: banner shows, nonce'd gated scripts run with zero violations, every hostile element stays inert",
      trustedTypesScenario,
      undefined,
    ],
  ];
}
