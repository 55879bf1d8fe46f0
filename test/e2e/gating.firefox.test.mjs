// Zero-request proof, Firefox ESR (puppeteer-core over WebDriver BiDi): tests 1–3.
// Skipped, with the reason in the output, when Firefox cannot be driven with request
// interception on this machine. Needs `npm run build` first.
import { after, describe, test } from 'node:test';
import { requireBundle, scenarioTest } from './harness.mjs';
import { firefoxOrSkip } from './firefox.mjs';
import { afterAnalyticsOnly, afterRejectAll, beforeAnyChoice } from './scenarios.mjs';

requireBundle();
const { firefox, skip } = await firefoxOrSkip();

describe('gating (Firefox ESR, WebDriver BiDi)', { skip }, () => {
  after(async () => {
    await firefox?.close();
  });

  const run = (scenario, options) => scenarioTest(() => firefox, scenario, options);

  test('1. before any choice: zero tracker requests, zero cookies, banner visible', run(beforeAnyChoice));
  test(
    '2. reject all: zero tracker requests, only the consent cookie, !analytics runs (and after reload)',
    run(afterRejectAll),
  );
  test('3. analytics only (window.yinyom.save): GA and _ga, no Meta/YouTube, document order', run(afterAnalyticsOnly));
});
