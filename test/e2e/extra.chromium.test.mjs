// The second file (dist/yinyom.extra.min.js) under the strict policies the gate is tested
// with: loaded only when the preferences open, with this page's nonce, its integrity hash and
// a Trusted Types URL, and zero violations; missing or changed, it fails safe and says so.
// Needs `npm run build` first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { FIXTURES, ROOT, waitFor } from './harness.mjs';

const PAGE = `${FIXTURES}/csp-page.html`;
const EXTRA = '/dist/yinyom.extra.min.js';
const extraRequests = (s) => s.log.filter((entry) => new URL(entry.url).pathname === EXTRA);
const dialogOpen = (s) =>
  s.evaluate(() => document.querySelector('yinyom-consent').shadowRoot.querySelector('dialog')?.open === true);

describe('the second file under CSP (Chromium)', () => {
  let chromium;
  /** Runs `body` on a fresh page; on failure, the page's console goes into the report. */
  const onPage = async (t, body) => {
    const s = await chromium.open(null);
    try {
      await body(s);
    } catch (error) {
      for (const line of ['page console:', ...s.errors]) t.diagnostic(line);
      throw error;
    } finally {
      await s.close();
    }
  };
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const policy of ['strict-dynamic', 'nonce-only', 'trusted-types']) {
    test(`${policy}: the preferences load on demand, with nonce and integrity; zero violations`, (t) =>
      onPage(t, async (s) => {
        await s.goto(`${PAGE}?csp=${policy}`);
        await waitFor(() => s.partVisible('banner'), { message: 'the banner under CSP' });
        await s.settle();
        assert.deepEqual(extraRequests(s), [], 'a first visit does not load it');
        await s.clickPart('preferences-button');
        await waitFor(() => dialogOpen(s), { message: 'the preferences under CSP' });
        assert.equal(extraRequests(s).length, 1);
        assert.ok(await s.partVisible('toggle'), 'the switches are there');
        assert.deepEqual(s.violations, [], `zero violations:\n${JSON.stringify(s.violations, null, 2)}`);
        assert.deepEqual(
          s.errors.filter((e) => e.includes('yinyom')),
          [],
          'yinyom reported nothing',
        );
        // Saving from the dialog still gates as before.
        await s.clickPart('accept-button', 'dialog');
        await waitFor(async () => (await s.evaluate(() => window.__order)).includes('after-bad'), {
          message: 'the gated chain after accepting in the preferences',
        });
      }));
  }

  test('Trusted Types without the yinyom policy: says so; the banner stands in', (t) =>
    onPage(t, async (s) => {
      // The trusted-types policy, less `yinyom`: a site that forgot to allow it.
      await s.context.route(`**${PAGE}?csp=trusted-types`, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        headers['content-security-policy'] = headers['content-security-policy'].replace(' yinyom', '');
        await route.fulfill({ response, headers });
      });
      await s.goto(`${PAGE}?csp=trusted-types`);
      await waitFor(() => s.partVisible('banner'), { message: 'the banner under Trusted Types' });
      await s.clickPart('preferences-button');
      await waitFor(() => s.partVisible('notice'), { message: 'the word that the settings cannot open' });
      assert.equal(await dialogOpen(s), false);
      assert.match(s.errors.join('\n'), /refused by Trusted Types: add yinyom to the trusted-types directive/);
      assert.equal(extraRequests(s).length, 0, 'nothing was fetched');
      await s.clickPart('reject-button');
      await waitFor(() => s.partVisible('settings-button'), { message: 'the choice was stored' });
    }));

  const built = () => readFileSync(join(ROOT, EXTRA));
  const faults = {
    missing: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
    offline: (route) => route.abort('internetdisconnected'),
    tampered: (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: Buffer.concat([built(), Buffer.from('\nwindow.__tampered = true;\n')]),
      }),
  };
  for (const [fault, answer] of Object.entries(faults)) {
    test(`${fault}: names the file and the fix; reject and accept all still work; nothing gated before`, (t) =>
      onPage(t, async (s) => {
        await s.context.route(`**${EXTRA}`, answer);
        await s.goto(`${PAGE}?csp=strict-dynamic`);
        await waitFor(() => s.partVisible('banner'), { message: 'the banner' });
        await s.clickPart('preferences-button');
        await waitFor(() => s.partVisible('notice'), { message: 'the word that the settings cannot open' });
        assert.equal(await dialogOpen(s), false);
        assert.equal(await s.evaluate(() => window.__tampered), undefined, 'a changed file never runs');
        const said = s.errors.join('\n');
        assert.match(said, /yinyom\.extra\.min\.js could not be loaded/);
        assert.equal(
          said.match(/could not be loaded/g).length,
          1,
          'said once, though fetched ahead and then asked for',
        );
        assert.match(said, /Copy the whole dist\/ folder/);
        assert.deepEqual(await s.evaluate(() => window.__order), ['first-party'], 'nothing gated ran');
        assert.deepEqual(s.violations, []);
        await s.clickPart('reject-button');
        await waitFor(() => s.partVisible('settings-button'), { message: 'the choice was stored' });
        assert.deepEqual(
          await s.evaluate(() => window.__order),
          ['first-party', 'cookieless'],
          'after reject all, only the cookieless fallback',
        );
        await s.clickPart('settings-button');
        await waitFor(() => s.partVisible('accept-button'), { message: 'the banner stands in' });
        await s.clickPart('accept-button');
        await waitFor(async () => (await s.evaluate(() => window.__order)).includes('after-bad'), {
          message: 'accept all from the stand-in banner',
        });
      }));
  }
});
