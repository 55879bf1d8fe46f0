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
import { framesScenario, linksScenario, scriptsScenario, trustedTypesScenario } from './hostile.mjs';

describe('hostile markup under CSP (Chromium)', () => {
  let chromium;
  before(async () => {
    chromium = await startChromium();
  });
  after(async () => {
    await chromium?.close();
  });

  const run = (scenario, options) => scenarioTest(() => chromium, scenario, options);

  for (const policy of ['strict-dynamic', 'report-only']) {
    test(
      `hostile 1. ${policy}: <iframe data-src="javascript:…"> in seven spellings gets no placeholder, no src, runs nothing`,
      run(framesScenario, { policy }),
    );
    test(
      `hostile 2. ${policy}: <a>, <area>, SVG <a> data-href="javascript:…" get no href, <base data-href> is not re-pointed`,
      run(linksScenario, { policy }),
    );
    test(
      `hostile 3. ${policy}: gated scripts without the nonce (inline, src, injected later) stay inert; the nonce'd ones run`,
      run(scriptsScenario, { policy }),
    );
  }
  test(
    "Trusted Types: banner shows, nonce'd gated scripts run with zero violations, every hostile element stays inert",
    run(trustedTypesScenario),
  );
});
