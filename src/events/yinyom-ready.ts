import type { ConsentRecord } from '../core/consent-record.js';

export interface YinyomReadyDetail {
  /** The standing choice, or null when the visitor has not chosen (or must choose again). */
  readonly consent: ConsentRecord | null;
}

/** Fired on `window` once the stored choice has been read. */
export class YinyomReadyEvent extends CustomEvent<YinyomReadyDetail> {
  constructor(detail: YinyomReadyDetail) {
    super('yinyom-ready', { detail });
  }
}

declare global {
  interface WindowEventMap {
    'yinyom-ready': YinyomReadyEvent;
  }
}
