// custom-elements.json and README.md's API reference are generated from the components' JSDoc
// (npm run docs). This fails when either lags behind the source. No browser, about a second.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('custom-elements.json and the README API tables are up to date with the JSDoc', () => {
  const result = spawnSync(process.execPath, ['scripts/api-docs.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stderr}${result.stdout}`);
});

test('the manifest describes both elements and only their public API', () => {
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', `file://${root}`), 'utf8'));
  const elements = Object.fromEntries(
    manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .filter((d) => d.customElement)
      .map((d) => [d.tagName, d]),
  );
  assert.deepEqual(Object.keys(elements).sort(), ['yinyom-consent', 'yinyom-placeholder']);
  const consent = elements['yinyom-consent'];
  const attributes = consent.attributes.map((a) => a.name);
  for (const name of ['lang', 'policy-url', 'categories', 'no-settings-button', 'clear-cookies'])
    assert.ok(attributes.includes(name), name);
  const members = consent.members.map((m) => m.name);
  for (const name of [
    'acceptAll',
    'rejectAll',
    'save',
    'reset',
    'showPreferences',
    'getConsent',
    'hasConsent',
    'language',
  ]) {
    assert.ok(members.includes(name), name);
  }
  // private (Lit state among them) and @internal members stay out
  for (const name of [
    'draft',
    'status',
    'preferencesOpen',
    'chosenLanguage',
    'rawConfig',
    'primary',
    'allow',
    'render',
  ]) {
    assert.ok(!members.includes(name) && !attributes.includes(name), name);
  }
  assert.ok(consent.members.every((m) => m.privacy === undefined || m.privacy === 'public'));
  assert.ok(consent.cssParts.some((p) => p.name === 'banner'));
  assert.ok(consent.cssProperties.some((p) => p.name === '--yinyom-color-accent'));
  assert.deepEqual(
    consent.events.map((e) => e.name),
    ['yinyom-ready', 'yinyom-change'],
  );
  const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${root}`), 'utf8'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(pkg.files.includes('custom-elements.json'));
});
