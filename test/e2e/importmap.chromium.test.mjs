// README's "Plain ES modules" guide, run as written: its import map and module script, in a
// page with no bundler, against the files npm would install (this repository stands in for
// node_modules/yinyom, its node_modules for the rest). A missing entry in the map is a
// "Failed to resolve module specifier" page error. Needs `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { ROOT, waitFor } from './harness.mjs';

/** The README block that holds the import map. */
function readmeSnippet() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```html\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .find((text) => text.includes('type="importmap"'));
  assert.ok(block, 'README.md has an ```html block with <script type="importmap">');
  return block;
}

describe('plain ES modules with an import map (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  test("README's import map resolves every module yinyom and lit import; the notice shows", async () => {
    const snippet = readmeSnippet();
    const s = await chromium.open(null);
    try {
      await s.context.route('**/node_modules/**', (route, request) => {
        const path = new URL(request.url()).pathname;
        // node_modules/yinyom is this package itself; the rest is installed beside it.
        const file = path.startsWith('/node_modules/yinyom/')
          ? join(ROOT, path.slice('/node_modules/yinyom/'.length))
          : join(ROOT, path);
        route.fulfill({ path: file, contentType: 'text/javascript' });
      });
      await s.context.route('**/no-bundler.html', (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="th"><head><meta charset="utf-8">${snippet}</head><body><yinyom-consent cookie-name="yinyom-importmap"></yinyom-consent><main>page</main></body></html>`,
        }),
      );
      await s.goto('/no-bundler.html');
      await waitFor(
        () =>
          s.evaluate(() => !!document.querySelector('yinyom-consent')?.shadowRoot?.querySelector('[part~="banner"]')),
        {
          message: `the banner (page errors: ${s.errors.join(' | ')})`,
        },
      );
      assert.deepEqual(
        s.errors.filter((e) => /resolve|pageerror/i.test(e)),
        [],
      );
      await s.clickPart('accept-button');
      await waitFor(() => s.evaluate(() => window.analyticsAllowed === true), {
        message: 'onConsent from the import map\'s "yinyom" called back',
      });
    } finally {
      await s.close();
    }
  });
});
