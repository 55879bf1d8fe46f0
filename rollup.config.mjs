import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const typescript = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', sourceMap: false, charset: 'utf8' });

export default [
  // The npm entries: ESM, lit and js-cookie left as dependencies for the user's bundler.
  {
    input: { index: 'src/index.ts', define: 'src/define.ts' },
    external: (id) => /^(lit|@lit|js-cookie)(\/|$)/.test(id),
    plugins: [typescript()],
    // One file per module, as in src/: bundlers tree-shake it, and define.js shares index.js's class.
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
  },
  // The script-tag file: everything inside, one request, no module loader needed.
  {
    input: 'src/auto.ts',
    plugins: [
      nodeResolve(),
      minifyHTML({ include: ['src/**/*.ts'], failOnError: true }),
      typescript(),
      terser({
        ecma: 2021,
        module: false,
        compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
        // Private members are named `_x` (Lit's convention): no page or other copy of yinyom
        // can reach them, so their names shorten like locals. `_$…` is Lit's own, left alone.
        mangle: { properties: { regex: /^_[A-Za-z]/ } },
        format: { comments: false },
      }),
    ],
    output: { file: 'dist/yinyom.min.js', format: 'iife' },
  },
];
