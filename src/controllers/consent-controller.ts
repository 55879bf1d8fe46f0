import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConsentSession, type SessionAdapters, type SessionHooks } from '../browser/consent-session.js';
import type { ConsentConfig } from '../core/config.js';
import type { ConsentStore } from '../core/consent-store.js';
import type { ReceiptSource } from '../browser/receipt.js';

export interface ConsentControllerOptions extends SessionHooks {
  /** The element's validated configuration, computed when a configuring property changes. */
  readonly config: () => ConsentConfig;
  /** Another element already serves the page: this one stands by and keeps no store. */
  readonly standby: () => boolean;
  /** Ways to reach the page, replaceable in tests. */
  readonly adapters?: SessionAdapters;
}

/**
 * Binds a consent session (consent-session.ts) to the element's lifecycle: the stored choice
 * is read in the element's first update, the session carries out choices while the element
 * is connected, and every connection scans the page.
 */
export class ConsentController implements ReactiveController {
  readonly session: ConsentSession;
  /** Connected, and the observer still to be set up after the next update. */
  private _connecting = false;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _options: ConsentControllerOptions,
  ) {
    this.session = new ConsentSession(_options.adapters, {
      ..._options,
      target: () => (_host.isConnected ? _host : window),
      changed: () => _host.requestUpdate(),
    });
    _host.addController(this);
  }

  /** Makes a choice whose receipt says where it was made; the page's own calls say "api". */
  from(source: ReceiptSource, act: () => unknown): void {
    this.session.source = source;
    try {
      act();
    } finally {
      this.session.source = 'api';
    }
  }

  /** The store for the element's configuration, built on first use; each update reconfigures. */
  get store(): ConsentStore {
    if (!this.session.store) this._configure();
    return this.session.store!;
  }

  hostConnected(): void {
    if (this._options.standby()) {
      console.warn(
        'yinyom: this page has more than one <yinyom-consent>; the first one serves it and the others stand by. Keep one.',
      );
      return;
    }
    // The stored choice is read in the element's next update (hostUpdate), not here: the
    // element's first update has a task of its own, while this runs in the task of the
    // script that upgraded the element, which also holds the page's first layout when the
    // script is deferred.
    this._connecting = true;
    this._host.requestUpdate();
  }

  hostUpdate(): void {
    if (!this._options.standby()) this._configure();
  }

  hostUpdated(): void {
    if (!this._connecting || this._options.standby()) return;
    this._connecting = false;
    this.session.listen();
    this.session.gate.observe();
    // Every connection scans, whatever the stored choice: a client router that moves the
    // element (Astro's transition:persist, a re-parenting layout) brings a new page with it,
    // whose gated markup, `!category` scripts and placeholders need the rules applied.
    void this.session.gate.apply();
  }

  hostDisconnected(): void {
    this.session.stop();
    this.session.gate.disconnect();
  }

  /** Hands the session the current config; a new stored choice is carried out from now on. */
  private _configure(): void {
    if (!this.session.configure(this._options.config())) return;
    this.session.listen();
    // While connecting, hostUpdated() scans anyway: one pass, not two.
    if (this.session.store!.consent && !this._connecting) void this.session.gate.apply();
  }
}
