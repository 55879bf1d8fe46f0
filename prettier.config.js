// One formatter config, never debated (STYLE §6). Web Awesome's prettier.config.js without
// its plugins (organize-imports is not a dependency here, and jinja serves its docs site),
// with Prettier 3's own defaults for arrow parentheses and trailing commas because the code
// already follows them: 377 of 407 one-parameter arrows are written `(x) =>`, and src/ has
// trailing commas throughout. Shoelace's `arrowParens: 'avoid'` + `trailingComma: 'none'`
// would rewrite 2,192 lines in 107 files; this rewrites 1,526 in 86.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  jsxSingleQuote: false,
  quoteProps: 'as-needed',
  trailingComma: 'all',
  bracketSpacing: true,
  bracketSameLine: false,
  arrowParens: 'always',
  proseWrap: 'preserve',
  htmlWhitespaceSensitivity: 'css',
  endOfLine: 'lf',
  // The CSS in css`` and the markup in html`` stay as written: one-line rules keep the two
  // stylesheets readable at a glance (Prettier would spread yinyom-consent.styles.ts from 138
  // lines to over 250), and the templates are laid out by hand around their bindings.
  embeddedLanguageFormatting: 'off',
};
