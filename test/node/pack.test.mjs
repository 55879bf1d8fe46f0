// The npm tarball holds what users need and nothing else (scripts/pack-check.mjs).
// Needs a built dist/: `npm test` builds before it runs test/node/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entryTargets, problems, REQUIRED } from '../../scripts/pack-check.mjs';

const script = fileURLToPath(new URL('../../scripts/pack-check.mjs', import.meta.url));

test('the tarball npm would publish passes the pack check', () => {
  // Throws, with the script's complaints in the message, if it exits non-zero.
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /\d+ files, [\d.]+ KiB unpacked, [\d.]+ KiB packed/);
});

const pkg = {
  files: ['dist/', 'custom-elements.json'],
  exports: {
    '.': { types: './dist/types/src/index.d.ts', default: './dist/index.js' },
    './jsx': { types: './dist/types/src/frameworks/jsx.d.ts' },
    './package.json': './package.json',
  },
};
const good = [
  ...REQUIRED,
  'custom-elements.json',
  'dist/types/src/frameworks/jsx.d.ts',
  'dist/core/config.js',
  'CHANGELOG.md',
];

test('a complete, clean file list has no problems', () => {
  assert.deepEqual(problems(good, pkg), []);
  assert.ok(entryTargets(pkg).includes('dist/types/src/frameworks/jsx.d.ts'));
});

test('what users need is required: the entries, README, LICENSE, exports targets, the manifest if listed', () => {
  for (const path of ['dist/yinyom.min.js', 'LICENSE', 'dist/types/src/frameworks/jsx.d.ts', 'custom-elements.json']) {
    assert.deepEqual(
      problems(
        good.filter((file) => file !== path),
        pkg,
      ),
      [`missing: ${path}`],
    );
  }
  const withoutManifest = { ...pkg, files: ['dist/'] };
  assert.deepEqual(
    problems(
      good.filter((file) => file !== 'custom-elements.json'),
      withoutManifest,
    ),
    [],
  );
});

test('what users do not need is refused', () => {
  const stray = [
    'dist/types/test/api.test.d.ts',
    'dist/index.js.map',
    'dist/api.ts',
    'dist/core/config.test.js',
    'dist/coverage/lcov.info',
    'dist/demo/index.html',
    'dist/tsconfig.build.tsbuildinfo',
    'src/index.ts',
    'test/api.test.ts',
    'demo/index.html',
    'docs/screenshots/banner.png',
    'coverage/lcov.info',
    'tsconfig.json',
    'rollup.config.mjs',
    'web-test-runner.config.mjs',
    '.gitignore',
    'package-lock.json',
  ];
  for (const path of stray) {
    assert.equal(problems([...good, path], pkg).length, 1, `${path} should be refused`);
  }
});

test('only the opt-in jsx typings may need React, Preact or Vue', () => {
  const text = {
    'dist/types/src/index.d.ts': "export { YinyomConsent } from './components/consent/yinyom-consent.component.js';",
    'dist/types/src/frameworks/jsx.d.ts': "import type { DefineComponent } from 'vue';\ndeclare module 'react' {}",
  };
  const read = (path) => text[path] ?? '';
  assert.deepEqual(problems(good, pkg, read), []);
  const index = text['dist/types/src/index.d.ts'];
  for (const line of [
    "import type { FC } from 'react';",
    "export type * from './jsx.js';",
    "import 'vue';",
    "declare module 'preact' {}",
  ]) {
    text['dist/types/src/index.d.ts'] = `${index}\n${line}`;
    assert.match(problems(good, pkg, read).join('\n'), /^dist\/types\/src\/index\.d\.ts mentions /, line);
  }
});
