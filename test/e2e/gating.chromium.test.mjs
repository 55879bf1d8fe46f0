// Zero-request proof, Chromium: nothing gated loads or sets cookies before the visitor
// agrees, and exactly what was agreed to loads afterwards. Needs `npm run build` first.
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { scenarioTest } from './harness.mjs';
import { afterAcceptAll, afterAnalyticsOnly, afterRejectAll, beforeAnyChoice, withdrawal } from './scenarios.mjs';

describe('gating (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  const run = (scenario, options) => scenarioTest(() => chromium, scenario, options);

  test('1. before any choice: zero tracker requests, zero cookies, banner visible', run(beforeAnyChoice));
  test(
    '2. reject all: zero tracker requests, only the consent cookie, !analytics runs (and after reload)',
    run(afterRejectAll),
  );
  test(
    '3. analytics only (preferences UI): GA and _ga, no Meta/YouTube, document order',
    run(afterAnalyticsOnly, { viaUI: true }),
  );
  test('4. accept all: marketing loads too (fbevents, pixel, YouTube iframe)', run(afterAcceptAll));
  test('6. withdrawal: accept all then reject all deletes _ga/_fbp after one reload', run(withdrawal));
});
