// Zero-request proof, Firefox ESR (puppeteer-core over WebDriver BiDi): tests 1–3.
// Skipped, with the reason in the output, when Firefox cannot be driven with request
// interception on this machine. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { FIREFOX_PATH, requireBundle } from './harness.mjs';
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

  const run = (scenario, options) => async (t) => {
    const session = await firefox.open(null);
    let failed = true;
    try {
      await scenario(session, options);
      failed = false;
    } finally {
      // page console on failure, or always with YINYOM_E2E_CONSOLE=1
      if ((failed || process.env.YINYOM_E2E_CONSOLE) && session.errors.length) {
        for (const line of ['page console:', ...session.errors]) t.diagnostic(line);
      }
      await session.close();
    }
  };

  test('1. before any choice: zero tracker requests, zero cookies, banner visible', run(beforeAnyChoice));
  test('2. reject all: zero tracker requests, only the consent cookie, !analytics runs (and after reload)', run(afterRejectAll));
  test('3. analytics only (window.yinyom.save): GA and _ga, no Meta/YouTube, document order', run(afterAnalyticsOnly));
});
