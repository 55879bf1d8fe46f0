// 5. Revival keeps SRI, nonce and order under a real Content-Security-Policy header, with
// and without 'strict-dynamic'. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { FIXTURES, NONCE, ROOT, cspPolicies, requestsTo, sri, waitFor } from './harness.mjs';

const PAGE = `${FIXTURES}/csp-page.html`;
const ORDER = ['first-party', 'gtag.js', 'gtag-config', 'sri-good', 'after-bad'];

describe('CSP + SRI (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
    // The hashes in the fixture were computed when it was written: check they still hold,
    // so the "bad" one is wrong on purpose and the "good" one right.
    const html = readFileSync(join(ROOT, PAGE), 'utf8');
    const integrity = (id) => html.match(new RegExp(`id="${id}"[^>]*?integrity="([^"]+)"`, 's'))[1];
    assert.equal(
      integrity('sri-good'),
      sri(`${FIXTURES}/sri-good.js`),
      'sri-good.js changed: update its hash in csp-page.html',
    );
    assert.notEqual(integrity('sri-bad'), sri(`${FIXTURES}/sri-bad.js`), 'the bad hash must not match sri-bad.js');
  });
  after(async () => {
    await chromium?.close();
  });

  for (const policy of ['strict-dynamic', 'nonce-only']) {
    test(`5. ${policy}: revived scripts keep nonce, integrity, crossorigin and order; zero violations`, async (t) => {
      const s = await chromium.open(null);
      let ok = false;
      try {
        const expected = cspPolicies(chromium.server.origin)[policy];
        t.diagnostic(`Content-Security-Policy: ${expected}`);
        const response = await s.goto(`${PAGE}?csp=${policy}`);
        assert.equal(response.headers()['content-security-policy'], expected);

        await waitFor(() => s.partVisible('banner'), { message: 'the banner under CSP' });
        await s.settle();
        assert.deepEqual(requestsTo(s.log), [], 'nothing before the choice');
        assert.deepEqual(await s.evaluate(() => window.__order), ['first-party']);
        assert.deepEqual(
          s.violations,
          [],
          `yinyom itself must not violate the policy:\n${JSON.stringify(s.violations, null, 2)}`,
        );

        await s.clickPart('accept-button');
        await waitFor(async () => (await s.evaluate(() => window.__order)).includes('after-bad'), {
          message: 'the gated chain to finish',
        });
        await s.settle();
        const check = async (when) => {
          assert.deepEqual(
            await s.evaluate(() => window.__order),
            ORDER,
            `${when}: order, good SRI ran, bad SRI did not`,
          );
          const revived = await s.evaluate(() =>
            Array.from(document.querySelectorAll('script[data-consent]'), (el) => ({
              id: el.id,
              type: el.getAttribute('type'),
              src: el.getAttribute('src'),
              nonce: el.nonce,
              integrity: el.getAttribute('integrity'),
              crossorigin: el.getAttribute('crossorigin'),
              referrerpolicy: el.getAttribute('referrerpolicy'),
              state: el.getAttribute('data-yinyom-state'),
            })),
          );
          const live = revived.filter((r) => r.type === null);
          assert.equal(
            live.length,
            5,
            `${when}: five revived scripts (one !analytics stays inert): ${JSON.stringify(revived)}`,
          );
          for (const r of live) assert.equal(r.nonce, NONCE, `${when}: nonce kept on ${r.id || r.src || 'inline'}`);
          const good = revived.find((r) => r.id === 'sri-good');
          assert.equal(good.integrity, sri(`${FIXTURES}/sri-good.js`));
          assert.equal(good.crossorigin, 'anonymous');
          assert.equal(good.referrerpolicy, 'no-referrer');
          // The live copy: the original stays before it, inert.
          const bad = revived.find((r) => r.id === 'sri-bad' && r.type === null);
          assert.equal(bad.type, null, 'the bad one was revived too (and refused by the browser)');
          assert.match(bad.integrity, /^sha384-/);
          assert.equal(bad.crossorigin, 'anonymous');
          const inert = revived.filter((r) => r.type === 'text/plain');
          assert.deepEqual(inert.filter((r) => r.state !== 'done').length, 1, 'only !analytics not taken');
          assert.equal(inert.length, 1 + live.length, 'every original stays, beside its live copy');
          assert.deepEqual(s.violations, [], `${when}: zero CSP violations:\n${JSON.stringify(s.violations, null, 2)}`);
          assert.deepEqual(await s.evaluate(() => window.__violations), []);
        };
        await check('after accept');
        assert.ok(
          s.log.some((e) => e.url.endsWith('/sri-bad.js')),
          'sri-bad.js was fetched (so SRI refused it)',
        );
        assert.ok(
          s.errors.some((e) => e.includes('sri-bad.js') && /integrity|digest/i.test(e)),
          `the browser reported the SRI failure:\n${s.errors.join('\n')}`,
        );
        assert.equal(requestsTo(s.log, ['www.googletagmanager.com']).length, 1, 'gtag.js allowed by its nonce');

        // Returning visitor: revived during page load, same guarantees.
        await s.reload();
        await waitFor(async () => (await s.evaluate(() => window.__order)).includes('after-bad'), {
          message: 'the gated chain after reload',
        });
        await s.settle();
        await check('after reload');
        ok = true;
      } finally {
        if ((!ok || process.env.YINYOM_E2E_CONSOLE) && s.errors.length) {
          for (const line of ['page console:', ...s.errors]) t.diagnostic(line);
        }
        await s.close();
      }
    });
  }
});
