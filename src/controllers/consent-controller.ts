import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseConfig, type ConsentConfig, type RawConfig } from '../core/config.js';
import { cookieStorage, type ConsentStorage } from '../core/consent-storage.js';
import { ConsentStore, type ConsentChange } from '../core/consent-store.js';
import { ScriptGate } from '../core/script-gate.js';
import { YinyomChangeEvent } from '../events/yinyom-change.js';
import { YinyomReadyEvent } from '../events/yinyom-ready.js';

export interface ConsentHost extends ReactiveControllerHost {
  /** The element's configuration exactly as written, before validation. */
  rawConfig(): RawConfig;
}

export interface ConsentControllerOptions {
  readonly storage?: (config: ConsentConfig) => ConsentStorage;
  readonly log?: Pick<Console, 'warn' | 'error'>;
}

// Changing any of these means a different stored choice; the rest only changes the view.
const STORE_KEYS = ['cookieName', 'cookieDomain', 'revision', 'expiresDays', 'categories'] as const;

/**
 * Binds the element to the consent store: validates its attributes into a config, builds
 * the store for it, announces the stored choice, and lets the gate run what it allows.
 */
export class ConsentController implements ReactiveController {
  /** The validated configuration, re-read before every render. */
  config!: ConsentConfig;
  private current?: ConsentStore;
  private unsubscribe?: () => void;
  private readonly reported = new Set<string>();
  private readonly gate = new ScriptGate(() => this.current?.consent ?? null);
  private readonly log: Pick<Console, 'warn' | 'error'>;

  constructor(
    private readonly host: ConsentHost,
    private readonly options: ConsentControllerOptions = {},
  ) {
    this.log = options.log ?? console;
    host.addController(this);
  }

  /** The store for the element's attributes; built on first use. */
  get store(): ConsentStore {
    if (!this.current) this.sync();
    return this.current!;
  }

  /** Re-reads the attributes; builds a new store only when they name another stored choice. */
  sync(): void {
    const { config, problems } = parseConfig(this.host.rawConfig());
    for (const { message } of problems) {
      // Attributes are re-read on every update; say each mistake once, not on every render.
      if (!this.reported.has(message)) this.log.error(message);
      this.reported.add(message);
    }
    this.config = config;
    const previous = this.current;
    if (previous && STORE_KEYS.every((k) => String(previous.config[k]) === String(config[k]))) return;
    this.unsubscribe?.();
    const storage = this.options.storage?.(config) ?? cookieStorage({ name: config.cookieName, domain: config.cookieDomain });
    const store = new ConsentStore(config, storage, { log: this.log });
    this.current = store;
    this.unsubscribe = store.subscribe((change) => this.handleChange(change));
    window.dispatchEvent(new YinyomReadyEvent({ consent: store.consent }));
    if (store.consent) void this.gate.apply();
  }

  hostConnected(): void {
    // The stored choice is read as soon as the element is in the page, not at first render.
    this.sync();
    this.unsubscribe ??= this.current!.subscribe((change) => this.handleChange(change));
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private handleChange(change: ConsentChange | null): void {
    this.host.requestUpdate();
    if (!change) return;
    window.dispatchEvent(new YinyomChangeEvent(change));
    void this.gate.apply();
  }
}
