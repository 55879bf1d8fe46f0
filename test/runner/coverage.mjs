// @ts-check
/**
 * v8 coverage only knows the files a test loaded: a source file that no test imports is
 * invisible to the threshold. `filesNeverLoaded` lists those, so the run can fail on them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { esbuild } from './esbuild.mjs';

/** .ts files (not .d.ts) under dir, absolute paths. @param {string} dir @returns {string[]} */
function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return tsFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * The .ts files under `dirs` (relative to `rootDir`) that no test loaded, skipping
 * type-only files, which compile to nothing and are never fetched by the browser.
 * @param {string} rootDir
 * @param {string[]} dirs
 * @param {any} testCoverage wtr's coverage result
 */
export function filesNeverLoaded(rootDir, dirs, testCoverage) {
  const covered = new Set(
    (testCoverage?.coverageMap?.files?.() ?? []).map((/** @type {string} */ f) => resolve(rootDir, f)),
  );
  return dirs
    .flatMap((d) => tsFiles(join(rootDir, d)))
    .filter((f) => !covered.has(f))
    .filter((f) => {
      const { code } = esbuild.transformSync(readFileSync(f, 'utf8'), { loader: 'ts', format: 'esm' });
      return code.replace(/export\s*\{\s*\};?/g, '').trim() !== '';
    })
    .map((f) => relative(rootDir, f).split(sep).join('/'));
}
