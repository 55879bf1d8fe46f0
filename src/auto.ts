// The script-tag entry (dist/yinyom.min.js): register the element, publish window.yinyom,
// and add a <yinyom-consent> configured from this <script>'s data-* attributes when the
// page has none.
import './components/consent/yinyom-consent.js';
import * as api from './api.js';
import { pushConsentDefault } from './core/consent-mode.js';
import { mountFromScript } from './mount.js';

declare global {
  interface Window {
    yinyom: typeof api;
  }
}

// Only readable while this script first runs (defer and async included).
const script = document.currentScript as HTMLScriptElement | null;

window.yinyom ??= api;

// A Google tag placed in the page without gating (Consent Mode "advanced") must find the
// "denied" default before it runs: push it as soon as this file runs, not when the element
// connects. The element pushes it too when the page turns Consent Mode off only there.
if (!/^off$/i.test(script?.dataset.consentMode ?? '') && !document.querySelector('yinyom-consent[consent-mode="off" i]')) {
  pushConsentDefault(window);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => mountFromScript(script), { once: true });
} else {
  mountFromScript(script);
}
