// Hostile gated markup under a real Content-Security-Policy header, Chromium: javascript:
// frames and links, a <base>, scripts without the nonce — none of it goes live after
// "accept all", and each says why on the console (see hostile.mjs). Needs `npm run build`.
//
// Two deliveries of the same 'strict-dynamic' policy: enforced (the browser itself blocks a
// javascript: URL or a new <base>, but not a script yinyom inserts), and report-only (it
// blocks nothing, so only yinyom's checks stand between the markup and the page).
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { scenarioTest } from './harness.mjs';
import { hostileTests } from './hostile.mjs';

describe('hostile markup under CSP (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [title, scenario, options] of hostileTests(['strict-dynamic', 'report-only'])) {
    test(
      title,
      scenarioTest(() => chromium, scenario, options),
    );
  }
});
