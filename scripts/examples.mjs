// `node scripts/examples.mjs [name …]`: installs, type-checks and builds every example
// under examples/ (or the ones named) exactly as a user would: against the packed npm
// tarball, not the sources. Needs a built dist/ (`npm run build`); part of `npm test`.
//
// Each example is a project of its own (examples/<name>/package.json, exact versions) whose
// `build` script type-checks and builds it. The tarball is installed with --no-save, so the
// example's package.json keeps `"yinyom": "^x.y.z"` as a user's would; nothing here writes
// a lockfile. Exit code 1 if any example fails; every example is tried.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const wanted = process.argv.slice(2);
const names = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(EXAMPLES, entry.name, 'package.json')))
  .map((entry) => entry.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
for (const name of wanted)
  if (!names.includes(name)) throw new Error(`No example named "${name}" (examples/${name}/package.json).`);
if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');

const run = (cwd, ...args) =>
  execFileSync(NPM, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1' },
  });

const packDir = mkdtempSync(join(tmpdir(), 'yinyom-pack-'));
const failed = [];
try {
  const [{ filename }] = JSON.parse(
    execFileSync(NPM, ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }),
  );
  const tarball = join(packDir, filename);
  for (const name of names) {
    const dir = join(EXAMPLES, name);
    const started = Date.now();
    console.log(`\n=== examples/${name}`);
    try {
      // The tarball stands in for the registry's yinyom; package.json is left as it is.
      run(dir, 'install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock', tarball);
      run(dir, 'run', 'build');
      console.log(`=== examples/${name}: ok in ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (error) {
      failed.push(name);
      console.error(`=== examples/${name}: FAILED (${error.message})`);
    }
  }
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
if (failed.length) {
  console.error(`\nExamples that failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nAll ${names.length} examples install, type-check and build.`);
