// Hostile gated markup under a real Content-Security-Policy header, Firefox ESR (puppeteer-core
// over WebDriver BiDi): csp-hostile.chromium.test.mjs's checks under the enforced policy and
// under Trusted Types. Skipped, with the reason in the output, when Firefox cannot be driven
// with request interception on this machine. Needs `npm run build` first.
import { after, describe, test } from 'node:test';
import { requireBundle, scenarioTest } from './harness.mjs';
import { firefoxOrSkip } from './firefox.mjs';
import { hostileTests } from './hostile.mjs';

requireBundle();
const { firefox, skip } = await firefoxOrSkip();

describe('hostile markup under CSP (Firefox ESR, WebDriver BiDi)', { skip }, () => {
  after(async () => {
    await firefox?.close();
  });

  for (const [title, scenario, options] of hostileTests(['strict-dynamic'])) {
    test(
      title,
      scenarioTest(() => firefox, scenario, options),
    );
  }
});
