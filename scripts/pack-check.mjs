// `node scripts/pack-check.mjs`: what `npm publish` would upload, checked before it is.
// Runs `npm pack --dry-run --json` (needs a built dist/) and fails if the tarball holds
// anything users do not need (tests, TypeScript sources, demo, docs, coverage, source maps,
// config files) or lacks what they do (the entries, their types, README, LICENSE, every
// exports target). Also fails if a declaration file other than the opt-in `jsx` typings
// would make `import 'yinyom'` need React, Preact or Vue. Prints the file count and sizes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Always needed, whatever package.json says. */
export const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/define.js',
  'dist/yinyom.min.js',
  'dist/yinyom.extra.min.js',
  'dist/extra.js',
  'dist/types/src/index.d.ts',
  'dist/types/src/define.d.ts',
];

/** Top-level files a user may get besides dist/. Anything else at the top is a mistake. */
const TOP_LEVEL = /^(package\.json|README(\.[a-z]+)?\.md|LICENSE(\.md|\.txt)?|CHANGELOG\.md|custom-elements\.json)$/i;

/** Never shipped, wherever it sits. [pattern, why] */
const FORBIDDEN = [
  [
    /(^|\/)(test|tests|__tests__|e2e|fixtures|coverage|demo|docs|examples|screenshots|scripts|node_modules)\//,
    'test, demo, docs or tooling directory',
  ],
  [/\.(test|spec)\.[cm]?[jt]sx?$/, 'test file'],
  [/(?<!\.d)\.[cm]?tsx?$/, 'TypeScript source (only .d.ts ships)'],
  [/\.map$/, 'source map'],
  [/\.tsbuildinfo$/, 'TypeScript build info'],
  [
    /(^|\/)(tsconfig[^/]*\.json|[^/]*\.config\.[cm]?[jt]s|\.[^/]*rc(\.[a-z]+)?|\.editorconfig|\.gitignore|\.npmignore|package-lock\.json|npm-shrinkwrap\.json)$/,
    'config file',
  ],
  [/\.(log|tgz|orig|rej|swp)$|(^|\/)\.DS_Store$|(^|\/)\.env/, 'stray file'],
];

/** Modules only the opt-in typings may mention: nobody else may need them installed. */
const FRAMEWORKS = new RegExp(
  [
    String.raw`(?:\bfrom\s+|\bimport\s*\(?\s*)['"](?:react|react-dom|preact|vue|@vue/[\w-]+)(?:/[^'"]*)?['"]`, // the frameworks
    String.raw`(?:\bfrom\s+|\bimport\s*\(?\s*)['"]\.{1,2}/(?:[^'"]*/)?(?:jsx|vue)\.js['"]`, // the typings that need them
    String.raw`\bdeclare\s+module\s+['"]`, // augmenting someone else's module
    String.raw`///\s*<reference\s+types=`,
  ].join('|'),
);
const FRAMEWORK_TYPINGS = /^dist\/types\/src\/frameworks\/(jsx|vue)\.d\.ts$/;

/** Every file path package.json points users at (exports, main, module, types, unpkg…). */
export function entryTargets(pkg) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) targets.add(value.replace(/^\.\//, ''));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(pkg.exports);
  for (const field of ['main', 'module', 'types', 'typings', 'unpkg', 'jsdelivr', 'browser']) walk(pkg[field]);
  return [...targets];
}

/**
 * The problems with a tarball's file list, as sentences; none means it is fine.
 * @param {string[]} paths files in the tarball, relative to the package root
 * @param {object} pkg package.json
 * @param {(path: string) => string} [readText] reads a packed file, to inspect declaration files
 */
export function problems(paths, pkg, readText) {
  const found = [];
  const packed = new Set(paths);
  const wantsManifest = (pkg.files ?? []).some((entry) => entry.replace(/^\.\//, '') === 'custom-elements.json');
  const required = [...REQUIRED, ...(wantsManifest ? ['custom-elements.json'] : []), ...entryTargets(pkg)];
  for (const path of new Set(required)) {
    if (!packed.has(path)) found.push(`missing: ${path}`);
  }
  for (const path of paths) {
    if (!path.includes('/') && !TOP_LEVEL.test(path)) {
      found.push(`unexpected top-level file: ${path} (add it to TOP_LEVEL in scripts/pack-check.mjs if users need it)`);
      continue;
    }
    if (path.includes('/') && !path.startsWith('dist/')) {
      found.push(`outside dist/: ${path}`);
      continue;
    }
    const rule = FORBIDDEN.find(([pattern]) => pattern.test(path));
    if (rule) found.push(`should not ship (${rule[1]}): ${path}`);
  }
  if (readText) {
    for (const path of paths) {
      if (!path.endsWith('.d.ts') || FRAMEWORK_TYPINGS.test(path)) continue;
      const match = readText(path).match(FRAMEWORKS);
      if (match)
        found.push(`${path} mentions "${match[0]}": only the opt-in jsx/vue typings may need React, Preact or Vue`);
    }
  }
  return found;
}

function npmPack() {
  const args = ['pack', '--dry-run', '--json', '--ignore-scripts'];
  const windows = process.platform === 'win32';
  const out = execFileSync(windows ? 'npm.cmd' : 'npm', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: windows,
  });
  // npm prints the JSON array last; warnings, if any, go to stderr.
  return JSON.parse(out.slice(out.indexOf('[')))[0];
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function main() {
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    console.error('pack-check: dist/ is missing; run "npm run build" first.');
    process.exit(1);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const pack = npmPack();
  const paths = pack.files.map((file) => file.path);
  const found = problems(paths, pkg, (path) => readFileSync(join(ROOT, path), 'utf8'));
  console.log(
    `pack-check: ${pack.filename}: ${pack.entryCount} files, ${kib(pack.unpackedSize)} unpacked, ${kib(pack.size)} packed`,
  );
  if (found.length) {
    for (const problem of found) console.error(`  ${problem}`);
    console.error(
      `pack-check: ${found.length} problem(s). Fix "files" in package.json (or the build), then run again.`,
    );
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
