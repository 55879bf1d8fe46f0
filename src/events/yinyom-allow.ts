import type { OptionalCategory } from '../core/categories.js';

export interface YinyomAllowDetail {
  /** The category the visitor allowed from a placeholder. */
  readonly category: OptionalCategory;
}

/** From `<yinyom-placeholder>`: the visitor asked to allow the embed's category. */
export class YinyomAllowEvent extends CustomEvent<YinyomAllowDetail> {
  constructor(detail: YinyomAllowDetail) {
    super('yinyom-allow', { detail, bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'yinyom-allow': YinyomAllowEvent;
  }
}
