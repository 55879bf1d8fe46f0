import type { ConsentRecord } from '../core/consent-record.js';

export interface YinyomReadyDetail {
  /** The standing choice, or null when the visitor has not chosen (or must choose again). */
  readonly consent: ConsentRecord | null;
}

/**
 * Once the stored choice has been read. Dispatched on the connected element, bubbling and
 * composed, so that it reaches `window` listeners and framework bindings on the element alike.
 */
export class YinyomReadyEvent extends CustomEvent<YinyomReadyDetail> {
  constructor(detail: YinyomReadyDetail) {
    super('yinyom-ready', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface WindowEventMap {
    'yinyom-ready': YinyomReadyEvent;
  }
  interface HTMLElementEventMap {
    'yinyom-ready': YinyomReadyEvent;
  }
}
