// The README's recipes, as demo/recipes.html has them: nothing reaches any outside host before
// the visitor chooses, and every recipe goes live after "accept all". Needs `npm run build`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { describe as list, isLocal, waitFor } from './harness.mjs';

const PAGE = '/demo/recipes.html';
const outside = (log, since = 0) => log.slice(since).filter((entry) => !isLocal(entry.url));

describe('recipes (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  test('no request leaves the page before a choice; after "accept all" every recipe is live', async () => {
    const s = await chromium.open(null);
    try {
      await s.goto(PAGE);
      await waitFor(
        () =>
          s.evaluate(() => !!document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('[part~="banner"]')),
        {
          message: 'the banner',
        },
      );
      await s.settle();
      assert.deepEqual(outside(s.log), [], `requests before any choice:\n${list(outside(s.log))}`);
      const waiting = await s.evaluate(
        () => document.querySelectorAll('[data-recipe]:not([data-yinyom-state])').length,
      );
      assert.equal(waiting, 9, 'every recipe is held back');

      await s.clickPart('accept-button');
      await waitFor(
        () => s.evaluate(() => document.querySelectorAll('[data-recipe]:not([data-yinyom-state="done"])').length === 0),
        {
          message: 'every recipe live',
        },
      );
      await s.settle();
      const hosts = new Set(outside(s.log).map((entry) => entry.host));
      for (const host of [
        'www.googletagmanager.com',
        'cdn.matomo.cloud',
        'lvs.truehits.in.th',
        'connect.facebook.net',
        'www.youtube-nocookie.com',
        'www.google.com',
      ]) {
        assert.ok(hosts.has(host), `${host} was requested after consent (got ${[...hosts].join(', ')})`);
      }
      const rows = await s.evaluate(() =>
        Array.from(document.querySelectorAll('#states tr td:last-child'), (td) => td.textContent),
      );
      assert.equal(rows.length, 9);
      assert.ok(
        rows.every((text) => text.includes('live')),
        rows.join(' | '),
      );
    } finally {
      await s.close();
    }
  });
});
