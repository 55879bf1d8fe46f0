// Importing the npm entry on a server (SSR, static generation) must not throw or touch a DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the npm entry imports in Node without a DOM and registers nothing', async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  const yinyom = await import('../../dist/index.js');
  assert.equal(typeof yinyom.YinyomConsent, 'function');
  assert.equal(yinyom.getConsent(), null);
  assert.equal(yinyom.hasConsent('analytics'), false);
  assert.equal(yinyom.hasConsent('necessary'), true);
  assert.equal(typeof yinyom.onConsent('analytics', () => {}), 'function');
  assert.equal(globalThis.customElements?.get?.('yinyom-consent'), undefined);
});
