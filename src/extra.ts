// The second file: what only some visits use, loaded when first needed (load-extra.ts).
// In the script-tag build it is dist/yinyom.extra.min.js, beside dist/yinyom.min.js; in the
// npm build a chunk that bundlers split off at the dynamic import(). Its modules must not keep
// state that the first file also keeps: the build fails if one does (rollup.config.mjs).
export { adoptPreferencesStyles, renderPreferences } from './components/consent/preferences.template.js';
export { copyReceipt } from './components/consent/receipt-copy.js';
export { DialogFitController } from './controllers/dialog-fit-controller.js';
// What follows only some choices: the receipt's wording digest, the withdrawn cookies' clearing.
export { sha256 } from './internal/sha256.js';
export { clearWithdrawn } from './browser/cookie-cleaner.js';

// The built-in languages' texts beyond the banner: the preferences', the placeholders' and
// the receipt's. Every element showing one of them re-renders with the rest.
import { enPreferences } from '../locales/en.js';
import { thPreferences } from '../locales/th.js';
import { completeLanguages } from './i18n/registry.js';
completeLanguages({ th: thPreferences, en: enPreferences });

// Registers <yinyom-placeholder>, which stands in for gated embeds: only pages with embeds
// need it, and the gate asks for this file when it keeps one inert.
import './components/placeholder/yinyom-placeholder.js';
