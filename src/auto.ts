// The script-tag entry (dist/yinyom.min.js): register the element, publish window.yinyom,
// and add a <yinyom-consent> configured from this <script>'s data-* attributes when the
// page has none.
import './components/consent/yinyom-consent.js';
import * as api from './page-api.js';
import { pushConsentDefault } from './browser/consent-mode.js';
import { setOwnNonce } from './browser/page-nonce.js';
import { mountFromScript } from './mount-from-script.js';

declare global {
  interface Window {
    yinyom: typeof api;
  }
}

// Only readable while this script first runs (defer and async included).
const script = document.currentScript as HTMLScriptElement | null;
// Gated scripts must carry the nonce this file runs under (see page-nonce.ts).
setOwnNonce(script?.nonce);

publishApi();

// A Google tag placed in the page without gating (Consent Mode "advanced") must find the
// "denied" default before it runs: push it as soon as this file runs, not when the element
// connects. The element pushes it too when the page turns Consent Mode off only there.
if (
  !/^off$/i.test(script?.dataset.consentMode ?? '') &&
  !document.querySelector('yinyom-consent[consent-mode="off" i]')
) {
  pushConsentDefault(window);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => mountFromScript(script), { once: true });
} else {
  mountFromScript(script);
}

/**
 * Sets `window.yinyom`, unless another copy of yinyom already did (loading twice is
 * harmless). Anything else there — an element named `id="yinyom"` (named access), another
 * script's object, a getter that throws — is shadowed, or, where that is impossible,
 * reported: the notice and the npm API work either way.
 */
function publishApi(): void {
  const isApi = (value: unknown) =>
    typeof (value as Partial<typeof api> | null)?.getConsent === 'function' && !(value instanceof Node);
  try {
    if (isApi(window.yinyom)) return;
  } catch {
    // a getter that throws: replace it below
  }
  try {
    Object.defineProperty(window, 'yinyom', { value: api, configurable: true, writable: true, enumerable: true });
  } catch {
    // not configurable: try a plain assignment (a setter may accept it)
  }
  let published = false;
  try {
    if (window.yinyom !== api) window.yinyom = api;
    published = window.yinyom === api;
  } catch {
    // reported below
  }
  if (!published) {
    console.error(
      'yinyom: window.yinyom is taken by another script and cannot be replaced, so the page cannot call yinyom through it. ' +
        'The notice works; rename what uses that name, or listen for the yinyom-ready and yinyom-change events.',
    );
  }
}
