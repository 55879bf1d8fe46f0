import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const typescript = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', sourceMap: false, charset: 'utf8' });

/** The script-tag files' minification; bench/run.mjs minifies its floor element alike. */
export const TERSER_OPTIONS = {
  ecma: 2021,
  module: false,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  // Private members are named `_x` (Lit's convention): no page or other copy of yinyom
  // can reach them, so their names shorten like locals. `_$…` is Lit's own, left alone.
  mangle: { properties: { regex: /^_[A-Za-z]/ } },
  format: { comments: false },
};
const minify = () => terser(TERSER_OPTIONS);

const EXTRA_FILE = 'yinyom.extra.min.js';
const LOADER = fileURLToPath(new URL('src/internal/load-extra.ts', import.meta.url));
const SCRIPT_LOADER = fileURLToPath(new URL('src/internal/load-extra.script.ts', import.meta.url));
// What the second file takes from the first instead of carrying its own copy: Lit, and the
// modules whose state must be one (load-extra.script.ts hands these over, under these keys).
const SHARED = {
  lit: { names: ['LitElement', 'adoptStyles', 'css', 'html', 'nothing'] },
  'yinyom:localize': { file: 'src/controllers/localize-controller.ts', names: ['LocalizeController'] },
  'yinyom:registry': { file: 'src/i18n/registry.ts', names: ['completeLanguages'] },
};
const sharedKey = (id) =>
  Object.keys(SHARED).find((key) => key === id || (SHARED[key].file && id.endsWith(`/${SHARED[key].file}`)));
// The modules both files may carry a copy of: pure functions and constants (of a locale, the
// first file takes the banner's texts, the second the rest). A module with
// state (a registry, a policy, a nonce, a class that instanceof checks) in both would split
// that state in two, so any other module in both files fails the build.
const STATELESS =
  /\/(src\/(internal\/own|i18n\/(format-date|site-texts|language|messages)|core\/categories|browser\/cookie-domains)|locales\/[a-z]+)\.ts$/;

/** Filled by the second file's build, read by the first's: the builds run in order. */
const extra = { integrity: '', modules: new Set() };

/**
 * The second file as a classic script: Rollup's CommonJS output, wrapped so that its
 * `require` and `exports` are those the first file put on the `<script>` element it created.
 * Loaded any other way (a page naming it, a copy of it elsewhere) it does nothing.
 */
function extraScript() {
  return {
    name: 'yinyom-extra-script',
    renderChunk(code, chunk) {
      for (const [id, names] of Object.entries(chunk.importedBindings)) {
        const missing = names.filter((name) => !SHARED[sharedKey(id)]?.names.includes(name));
        if (missing.length)
          this.error(
            `${EXTRA_FILE} imports ${missing.join(', ')} from ${id}: hand it over in load-extra.script.ts and SHARED.`,
          );
      }
      for (const id of chunk.moduleIds) extra.modules.add(id);
      return (
        // No top-level names: the page's globals stay the page's.
        "!function(){'use strict';var s=document.currentScript,h=s&&s[Symbol.for('yinyom.extra')];if(!h)return;" +
        `(function(require,exports){${code}\n})(function(id){return h.deps[id]},h.exports);` +
        'h.done()}();'
      );
    },
    generateBundle(_, bundle) {
      const code = bundle[EXTRA_FILE].code;
      extra.integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
    },
  };
}

/** The first file: the script-tag loader, told the second file's name and hash. */
function firstScript() {
  return {
    name: 'yinyom-first-script',
    buildStart() {
      if (!extra.integrity) this.error(`${EXTRA_FILE} must be built before yinyom.min.js (rollup.config.mjs order).`);
    },
    resolveId(source, importer) {
      if (importer && /\/load-extra\.js$/.test(source)) {
        const resolved = fileURLToPath(new URL(source.replace(/\.js$/, '.ts'), `file://${importer}`));
        if (resolved === LOADER) return SCRIPT_LOADER;
      }
      return null;
    },
    // After TypeScript has gone (and its `declare const` with it).
    transform: {
      order: 'post',
      handler(code, id) {
        if (id !== SCRIPT_LOADER) return null;
        return code.replace(/__YINYOM_EXTRA__/g, JSON.stringify({ file: EXTRA_FILE, integrity: extra.integrity }));
      },
    },
    renderChunk(_, chunk) {
      const both = chunk.moduleIds.filter((id) => extra.modules.has(id) && !/node_modules/.test(id));
      const stateful = both.filter((id) => !STATELESS.test(id));
      if (stateful.length)
        this.error(
          `yinyom.min.js and ${EXTRA_FILE} both carry ${stateful.join(', ')}: share it, or mark it STATELESS.`,
        );
      return null;
    },
  };
}

export default [
  // The npm entries: ESM, lit and js-cookie left as dependencies for the user's bundler.
  {
    input: { index: 'src/index.ts', define: 'src/define.ts' },
    external: (id) => /^(lit|@lit|js-cookie)(\/|$)/.test(id),
    plugins: [typescript()],
    // One file per module, as in src/: bundlers tree-shake it, and define.js shares index.js's
    // class. extra.js is reached by a dynamic import(): bundlers split it off as its own chunk.
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
  },
  // The script-tag files. First the second one, whose hash the first one carries.
  {
    input: 'src/extra.ts',
    external: (id, _, resolved) => id === 'lit' || (resolved && sharedKey(id) !== undefined),
    plugins: [
      nodeResolve(),
      minifyHTML({ include: ['src/**/*.ts'], failOnError: true }),
      typescript(),
      extraScript(),
      minify(),
    ],
    // Absolute paths of the shared modules stay absolute, so that `paths` names them by their key.
    makeAbsoluteExternalsRelative: false,
    output: { file: `dist/${EXTRA_FILE}`, format: 'cjs', exports: 'named', esModule: false, paths: sharedKey },
  },
  // Then the one a webmaster names: everything a first visit needs, one request.
  {
    input: 'src/auto.ts',
    plugins: [
      nodeResolve(),
      firstScript(),
      minifyHTML({ include: ['src/**/*.ts'], failOnError: true }),
      typescript(),
      minify(),
    ],
    output: { file: 'dist/yinyom.min.js', format: 'iife' },
  },
];
