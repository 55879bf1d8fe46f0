import type { ReactiveController, ReactiveElement } from 'lit';
import { loadExtra, type Extra } from '../internal/load-extra.js';

/**
 * The second file (extra.ts: the preferences dialog and what only it uses) for one element:
 * loaded when the preferences first open, fetched ahead when the visitor shows the intent
 * (pointer over or focus on "choose" or the settings button) and, for a returning visitor,
 * once the page is idle after the settings button appears. A first visit answered from the
 * banner never loads it.
 */
export class ExtraController implements ReactiveController {
  /** The second file, once loaded. */
  extra?: Extra;
  /** Opening the preferences failed to load it: the notice falls back to its banner. */
  failed = false;
  private _idle = false;

  constructor(
    private readonly _host: ReactiveElement & { readonly renderRoot: ParentNode },
    /** Called once, when it first arrives. */
    private readonly _arrived: (extra: Extra) => void,
  ) {
    _host.addController(this);
  }

  /** Loads it for use now; resolves to undefined (and renders the fallback) when it cannot be. */
  async load(): Promise<Extra | undefined> {
    try {
      const extra = await loadExtra();
      this._take(extra);
      return extra;
    } catch {
      // load-extra has said which file and how to fix it.
      this.failed = true;
      this._host.requestUpdate();
      return undefined;
    }
  }

  /** Fetches it ahead. A failure here changes nothing on screen: opening tries again. */
  readonly prefetch = (): void => {
    loadExtra().then(
      (extra) => this._take(extra),
      () => undefined,
    );
  };

  hostUpdated(): void {
    if (this._idle || this.extra || !this._host.renderRoot.querySelector('.settings')) return;
    this._idle = true;
    const idle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 500));
    idle(() => this.prefetch());
  }

  private _take(extra: Extra): void {
    this.failed = false;
    if (this.extra) return;
    this.extra = extra;
    this._arrived(extra);
  }
}
