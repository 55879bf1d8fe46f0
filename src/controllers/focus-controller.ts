import type { ReactiveController, ReactiveElement } from 'lit';
import { deepActiveElement } from '../internal/active-element.js';

/**
 * Where focus goes when the part of the notice that had it goes (WCAG 2.4.3): the banner after
 * a choice, the preferences when they close. It lands where the visitor came from, else on the
 * settings button, else on the page's own way back (`data-yinyom-open`): never on `<body>`.
 */
export class FocusController implements ReactiveController {
  /** What had focus before the preferences opened. */
  private _opener?: HTMLElement;

  constructor(private readonly _host: ReactiveElement & { readonly renderRoot: ParentNode }) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this._opener = undefined;
  }

  /** Remembers what has focus now, to come back to it. */
  remember(): void {
    this._opener = deepActiveElement();
  }

  /** Whether focus is inside the part of the notice that `selector` names. */
  within(selector: string): boolean {
    const active = deepActiveElement();
    return active !== undefined && this._host.renderRoot.querySelector(selector)?.contains(active) === true;
  }

  /** Once the notice has rendered (the banner may be gone, the settings button new), lands focus. */
  async land(): Promise<void> {
    const opener = this._opener;
    this._opener = undefined;
    await this._host.updateComplete;
    const candidates = [
      opener,
      this._host.renderRoot.querySelector<HTMLElement>('.settings'),
      document.querySelector<HTMLElement>('[data-yinyom-open]'),
    ];
    candidates.find((element) => element?.isConnected)?.focus();
  }
}
