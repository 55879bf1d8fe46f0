import type { ConsentChange } from '../core/consent-store.js';

export type YinyomChangeDetail = ConsentChange;

/** Fired on `window` after every stored choice. */
export class YinyomChangeEvent extends CustomEvent<YinyomChangeDetail> {
  constructor(detail: YinyomChangeDetail) {
    super('yinyom-change', { detail });
  }
}

declare global {
  interface WindowEventMap {
    'yinyom-change': YinyomChangeEvent;
  }
}
