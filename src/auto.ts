// The script-tag entry (dist/yinyom.min.js): register the element, publish window.yinyom,
// and add a <yinyom-consent> configured from this <script>'s data-* attributes when the
// page has none.
import './components/consent/yinyom-consent.js';
import * as api from './api.js';
import { mountFromScript } from './mount.js';

declare global {
  interface Window {
    yinyom: typeof api;
  }
}

// Only readable while this script first runs (defer and async included).
const script = document.currentScript as HTMLScriptElement | null;

window.yinyom ??= api;

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => mountFromScript(script), { once: true });
} else {
  mountFromScript(script);
}
