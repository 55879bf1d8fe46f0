// ESLint flat config. Anchors: Shoelace's .eslintrc.cjs (wc, lit, lit-a11y, typed
// typescript-eslint, no-unused-expressions) and Lit's (no-only-tests). Formatting is
// Prettier's job (prettier.config.js), so no stylistic rule lives here.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import noOnlyTests from 'eslint-plugin-no-only-tests';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Hand-minified statements, `cond && f();` and `a ? f() : g();`: no-unused-expressions rejects
// them everywhere but in test files, which need this selector form instead (see below). The
// comma operator is no-sequences' job.
const HAND_MINIFIED = [
  {
    selector: 'ExpressionStatement > LogicalExpression',
    message: 'Write `if (cond) f();`, not `cond && f();`.',
  },
  {
    selector: 'ExpressionStatement > ConditionalExpression',
    message: 'Write an if/else, not a ternary used as a statement.',
  },
];

export default defineConfig([
  globalIgnores([
    'dist/',
    'coverage/',
    'screenshots/',
    'custom-elements.json',
    'examples/*/node_modules/',
    'examples/*/dist/',
    'examples/*/out-tsc/',
    'examples/*/.angular/',
    'examples/*/.astro/',
    'examples/*/.next/',
    'examples/next/next-env.d.ts',
    // Deliberate inputs: hostile markup, SRI-hashed bytes, scripts written as a webmaster would.
    'test/fixtures/',
    'test/e2e/fixtures/',
    'bench/pages/',
    'receipts/dist/',
    'receipts/node_modules/',
  ]),

  // Everything: ESLint's recommended rules plus the habits the code review asked for.
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-expressions': 'error',
      // `return a(), false` is a return argument, not a statement, so no-unused-expressions
      // cannot see it; no-sequences can, parenthesised or not.
      'no-sequences': ['error', { allowInParentheses: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'array-callback-return': 'error',
      'no-constructor-return': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'no-script-url': 'error',
      'no-proto': 'error',
      'no-extend-native': 'error',
      // Every finding (3 of 3) is deliberate: cookie names and URLs from the page are
      // validated by refusing control characters, which is exactly what this rule forbids.
      'no-control-regex': 'off',
    },
  },

  // TypeScript: typed linting against tsconfig.json (src, locales, test).
  {
    files: ['src/**/*.ts', 'locales/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript itself reports undefined names, with the right lib and module types.
      'no-undef': 'off',
      // Pure noise here (4 of 4 findings wrong): Lit calls `@click=${this.handleX}` with
      // `this` bound to the host, and `request.call(win, …)` binds explicitly; the rule sees
      // neither. Shoelace turns it off too.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // `typeof import('../dist/x.js')` types a dynamic import of the built bundle.
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // tsc's noUnusedParameters convention: `_` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // React's JSX types can only be extended by augmenting `namespace JSX` inside
      // `declare module 'react'` (src/frameworks/jsx.ts).
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // `interface YinyomConsentAttributes extends Exactly<Attributes> {}` gives a computed
      // type a name that editors show and users can augment.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },

  // The library: the browser, Lit and custom-element rules.
  {
    files: ['src/**/*.ts', 'locales/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice'], litA11y.configs.recommended],
    languageOptions: { globals: globals.browser },
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      // LitElement defines connectedCallback/disconnectedCallback, so `super.x()` always
      // exists; the guard is for classes that extend HTMLElement directly. Shoelace turns
      // it off for the same reason.
      'wc/guard-super-call': 'off',
    },
  },

  // Every test file, browser or Node.
  {
    files: ['test/**/*.{ts,mjs}'],
    plugins: { 'no-only-tests': noOnlyTests },
    rules: {
      'no-only-tests/no-only-tests': 'error',
      // `javascript:` URLs are the payloads the security tests feed the gate and the
      // configurator.
      'no-script-url': 'off',
    },
  },

  // Browser tests (mocha + @open-wc/testing, run by web-test-runner).
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
    rules: {
      // chai's property assertions (`expect(x).to.exist`, `.to.be.true`) are expressions by
      // design; the selectors below still reject hand-minified statements.
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-restricted-syntax': ['error', ...HAND_MINIFIED],
      // @open-wc/semantic-dom-diff types every `expect(x).to.equal(y)` as a Promise (its DOM
      // diff is async); without this, 654 false findings hide the real un-awaited promises.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: '@open-wc/semantic-dom-diff', name: 'Equal' }] },
      ],
      // A list in a failure message reads fine as "a,b".
      '@typescript-eslint/restrict-template-expressions': ['error', { allowArray: true }],
    },
  },

  // Node: scripts, configs, bench, the test runner and the Node and end-to-end suites.
  {
    files: ['**/*.{mjs,cjs}', '*.config.js', 'scripts/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Their page.evaluate() callbacks and injected runner code run in the page.
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: globals.browser },
  },

  // The demo: plain browser scripts and modules, no build.
  {
    files: ['demo/**/*.js', 'examples/vue/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },

  // The receipt collector (receipts/): a Node service, typed against its own tsconfig.json.
  {
    files: ['receipts/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Node tests; the admin page's test also runs callbacks in the page (page.evaluate).
    files: ['receipts/test/**/*.mjs'],
    plugins: { 'no-only-tests': noOnlyTests },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-only-tests/no-only-tests': 'error' },
  },
  // The admin page: a plain browser module, served as it is.
  {
    files: ['receipts/admin/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },

  // The example apps: each is its own project, type-checked and built against the packed
  // tarball by scripts/examples.mjs, so lint them untyped (their dependencies are not here).
  {
    files: ['examples/**/*.{ts,tsx,mjs}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-undef': 'off' },
  },
]);
