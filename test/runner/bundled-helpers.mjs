// @ts-check
/**
 * Test helpers that re-export a CommonJS library (React) or need Vue's template compiler,
 * served bundled as one ES module: the dev server transforms files one by one and cannot
 * load CommonJS. Each is built once per run.
 */
import { join } from 'node:path';
import { esbuild } from './esbuild.mjs';

/** @type {Record<string, string>} */
const BUNDLED_HELPERS = {
  '/test/helpers/react.ts': 'test/helpers/react.ts',
  '/test/helpers/vue.ts': 'test/helpers/vue.ts',
};

/**
 * A dev-server plugin; list it after esbuildPlugin, whose per-file transform it replaces.
 * @param {string} rootDir
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function bundledHelpers(rootDir) {
  /** @type {Map<string, string>} */
  const bundles = new Map();
  return {
    name: 'yinyom-bundled-helpers',
    transform(context) {
      const entry = BUNDLED_HELPERS[context.path];
      if (!entry) return;
      if (!bundles.has(entry)) {
        const { outputFiles } = esbuild.buildSync({
          entryPoints: [join(rootDir, entry)],
          bundle: true,
          format: 'esm',
          write: false,
          target: 'es2022',
          define: {
            'process.env.NODE_ENV': '"development"',
            __VUE_OPTIONS_API__: 'true',
            __VUE_PROD_DEVTOOLS__: 'false',
            __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
          },
          // Vue's default entry has no template compiler.
          alias: { vue: 'vue/dist/vue.esm-bundler.js' },
        });
        bundles.set(entry, outputFiles[0].text);
      }
      return { body: bundles.get(entry), transformCache: false };
    },
  };
}
