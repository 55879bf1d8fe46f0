import type { ConsentChange } from '../core/consent-store.js';

export type YinyomChangeDetail = ConsentChange;

/**
 * After every stored choice. Dispatched on the connected element, bubbling and composed, so
 * that it reaches `window` listeners and framework bindings on the element alike.
 */
export class YinyomChangeEvent extends CustomEvent<YinyomChangeDetail> {
  constructor(detail: YinyomChangeDetail) {
    super('yinyom-change', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface WindowEventMap {
    'yinyom-change': YinyomChangeEvent;
  }
  interface HTMLElementEventMap {
    'yinyom-change': YinyomChangeEvent;
  }
}
