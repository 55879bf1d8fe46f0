import { YinyomConsent } from './yinyom-consent.component.js';

export * from './yinyom-consent.component.js';

// A page may load the script-tag build and the npm build, or one of them twice: the first
// registration wins and the rest are harmless.
if (!customElements.get('yinyom-consent')) customElements.define('yinyom-consent', YinyomConsent);

declare global {
  interface HTMLElementTagNameMap {
    'yinyom-consent': YinyomConsent;
  }
}
