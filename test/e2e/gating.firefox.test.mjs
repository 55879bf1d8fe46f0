// Zero-request proof, Firefox ESR (puppeteer-core over WebDriver BiDi): tests 1–3.
// Skipped, with the reason in the output, when Firefox cannot be driven with request
// interception on this machine. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { FIREFOX_PATH, requireBundle, scenarioTest } from './harness.mjs';
import { startFirefox } from './firefox.mjs';
import { afterAnalyticsOnly, afterRejectAll, beforeAnyChoice } from './scenarios.mjs';

requireBundle();
let firefox = null;
let skip = false;
if (!existsSync(FIREFOX_PATH)) {
  skip = `Firefox skipped: ${FIREFOX_PATH} not found`;
} else {
  try {
    firefox = await startFirefox();
  } catch (error) {
    skip = `Firefox skipped: ${error.message}`;
  }
}
if (skip) console.log(`# ${skip}`);

describe('gating (Firefox ESR, WebDriver BiDi)', { skip }, () => {
  after(async () => {
    await firefox?.close();
  });

  const run = (scenario, options) => scenarioTest(() => firefox, scenario, options);

  test('1. before any choice: zero tracker requests, zero cookies, banner visible', run(beforeAnyChoice));
  test('2. reject all: zero tracker requests, only the consent cookie, !analytics runs (and after reload)', run(afterRejectAll));
  test('3. analytics only (window.yinyom.save): GA and _ga, no Meta/YouTube, document order', run(afterAnalyticsOnly));
});
