// `npm run size`: the script-tag files' weight as visitors download them. Fails the build
// when a file, or all of them together, grows past its budget, so a regression cannot land
// unnoticed.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Bytes: the size reached plus about 200 B, so that a real regression fails CI. Raised only
// on purpose, in the same commit as the growth it pays for; lowered whenever a cut lands.
// 2026-11-22: 22 738 B gzip, 20 142 B brotli. 2026-12-02: 26 684 B gzip, 23 433 B brotli —
// issue 11's hardening (+3.3 KB brotli: about 1.4 KB of new console messages naming each
// refusal and its fix, the rest the gate's write rules, the stored-choice rule and the guards).
// 2026-12-02: 27 370 B gzip, 23 894 B brotli — issue 12 (+0.5 KB brotli: companions that tie
// live copies and placeholders to the page's nodes, the preload check and its message, the
// placeholder's fitting styles; then 27 593 B / 24 101 B with placeholders waiting for the
// page to settle, so that hydration is not disturbed). 2026-12-02: 28 322 B gzip, 24 847 B
// brotli — issue 13 (+0.75 KB brotli: the element split into templates and controllers, the
// effects into a session object, and what came with them: placeholders that speak the site's
// texts and follow <html lang> and registerLanguage(), one language registry for two copies,
// events on the element, Consent Mode following a changed stored choice; after private
// members began to be mangled, which took 0.3 KB off). Then 28 488 B / 25 002 B with issue
// 14's first fixes (+0.12 KB brotli: focus that lands after a choice or a close, the status
// region kept in the accessibility tree, the settings button's edged ring). 2026-12-03:
// 29 389 B gzip, 25 758 B brotli — the rest of issue 14 (+0.73 KB brotli: the phone layout and
// its "read more", the first-contact controller (first Tab, skip link, announcement), room at
// the page's end, the dialog-fit controller, text spacing). Issue 16 moves what a first visit
// does not need out (the dialog-fit controller and the preferences among it). Then 30 684 B
// gzip, 26 918 B brotli with issue 15's receipts that prove more (+1.16 KB brotli: 0.5 KB a
// synchronous SHA-256 for the wording digest, which crypto.subtle cannot give on plain-http
// sites, the rest the wording, source and event, and "copy receipt"). All of it runs after
// a click: issue 16's lazy file is where it belongs.
// 2026-12-03: issue 16 splits the script-tag build. The first file holds what a first visit
// uses; dist/yinyom.extra.min.js what only the preferences and embed placeholders use. Each
// file has its budget, and so has their sum (a visitor who opens the preferences downloads
// both). First file 29 184 B gzip, 25 854 B brotli (-1.06 KB brotli: the preferences, the
// placeholder element, the dialog rendered only while open, the banner in one template, less
// the loader, its fallback and messages); second file 3 489 B / 2 991 B; both 32 673 B /
// 28 845 B (+1.93 KB brotli over one file: what moved compressed well beside the rest).
// 2026-12-03: the texts beyond the banner, the receipt's wording digest (SHA-256) and the
// clearing of withdrawn cookies move to the second file. First file 26 728 B gzip, 23 759 B
// brotli (-2.1 KB); second 7 078 B / 6 016 B; both 33 806 B / 29 775 B (+0.9 KB: Thai text
// compresses less alone, and the loader hands the language registry over).
// Then 26 793 B / 23 826 B with a close button on the banner standing in for the preferences.
const BUDGETS = [
  { file: 'dist/yinyom.min.js', gzip: 26_950, brotli: 23_950 },
  { file: 'dist/yinyom.extra.min.js', gzip: 7_300, brotli: 6_200 },
];
const SUM = { gzip: 34_000, brotli: 29_950 };

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`.padStart(10);
const measure = (source) => ({
  raw: source.length,
  gzip: gzipSync(source, { level: 9 }).length,
  brotli: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

let failed = false;
const total = { raw: 0, gzip: 0, brotli: 0 };
const report = (label, sizes, budget) => {
  console.log(label);
  console.log(`  minified ${kb(sizes.raw)}`);
  for (const kind of ['gzip', 'brotli']) {
    const over = sizes[kind] > budget[kind];
    failed ||= over;
    console.log(
      `  ${kind.padEnd(8)} ${kb(sizes[kind])}  (${sizes[kind]} B, budget ${budget[kind]} B)${over ? '  OVER BUDGET' : ''}`,
    );
  }
};
for (const budget of BUDGETS) {
  let source;
  try {
    source = readFileSync(budget.file);
  } catch {
    console.error(`size: ${budget.file} is missing; run "npm run build" first.`);
    process.exit(1);
  }
  const sizes = measure(source);
  for (const kind of Object.keys(total)) total[kind] += sizes[kind];
  report(budget.file, sizes, budget);
}
report('all files together', total, SUM);
if (failed) {
  console.error(
    'size: over budget. Find what grew (npm run build, then compare), or raise the budget in scripts/size.mjs on purpose.',
  );
  process.exit(1);
}
