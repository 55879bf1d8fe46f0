// Hostile gated markup under a real Content-Security-Policy header, Firefox ESR (puppeteer-core
// over WebDriver BiDi): csp-hostile.chromium.test.mjs's checks under the enforced policy and
// under Trusted Types. Skipped, with the reason in the output, when Firefox cannot be driven
// with request interception on this machine. Needs `npm run build` first.
import { after, describe, test } from 'node:test';
import { requireBundle, scenarioTest } from './harness.mjs';
import { firefoxOrSkip } from './firefox.mjs';
import { framesScenario, linksScenario, scriptsScenario, trustedTypesScenario } from './hostile.mjs';

requireBundle();
const { firefox, skip } = await firefoxOrSkip();

describe('hostile markup under CSP (Firefox ESR, WebDriver BiDi)', { skip }, () => {
  after(async () => {
    await firefox?.close();
  });

  const run = (scenario, options) => scenarioTest(() => firefox, scenario, options);
  const policy = 'strict-dynamic';

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
  test(
    "Trusted Types: banner shows, nonce'd gated scripts run with zero violations, every hostile element stays inert",
    run(trustedTypesScenario),
  );
});
