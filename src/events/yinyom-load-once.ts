/** From `<yinyom-placeholder>`: the visitor asked to show this one embed only. */
export class YinyomLoadOnceEvent extends Event {
  constructor() {
    super('yinyom-load-once', { bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'yinyom-load-once': YinyomLoadOnceEvent;
  }
}
