import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseConfig, type ConsentConfig, type RawConfig } from '../core/config.js';
import { pushConsentDefault, pushConsentUpdate } from '../browser/consent-mode.js';
import { isGranted, type ConsentRecord } from '../core/consent-record.js';
import { cookieStorage, type ConsentStorage } from '../core/consent-storage.js';
import { ConsentStore, type ConsentChange } from '../core/consent-store.js';
import { clearCookies, cookiePatterns, TRACKER_COOKIES } from '../browser/cookie-cleaner.js';
import { crossTab, type CrossTab } from '../browser/cross-tab.js';
import { providerName } from '../core/embed-provider.js';
import { receiptPage, sendReceipt } from '../browser/receipt.js';
import { GATE_STATE, ScriptGate } from '../browser/script-gate.js';
import { whenSettled } from '../internal/when-settled.js';
import { YinyomChangeEvent } from '../events/yinyom-change.js';
import { YinyomReadyEvent } from '../events/yinyom-ready.js';
import { ownOptions, ownValue } from '../internal/own.js';

export interface ConsentHost extends ReactiveControllerHost {
  /** The element's configuration exactly as written, before validation. */
  rawConfig(): RawConfig;
  /** The language the notice is shown in, for the placeholders. */
  readonly language: string;
  /** Grants one more category on the visitor's request (a placeholder's "allow"). */
  allow(category: string): void;
  /** Cookie names the site declares for a category, deleted on withdrawal too. */
  declaredCookies(category: string): string[];
  /** Another element that already serves the page: this one then keeps no store of its own. */
  readonly primary?: unknown;
}

export interface ConsentControllerOptions {
  readonly storage?: (config: ConsentConfig) => ConsentStorage;
  readonly log?: Pick<Console, 'warn' | 'error'>;
  /** Reloads the page after a withdrawal; `location.reload` by default. */
  readonly reload?: () => void;
}

// Changing any of these means a different stored choice; the rest only changes the view.
const STORE_KEYS = ['cookieName', 'cookieDomain', 'revision', 'expiresDays', 'categories', 'respectGpc'] as const;

/** Runs `callback` once the document is parsed (at once if it is). */
function whenParsed(callback: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback, { once: true });
  else callback();
}

/** Global Privacy Control as the browser sends it; a getter that throws is no signal. */
export function globalPrivacyControl(nav: Navigator = navigator): boolean {
  try {
    return (nav as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  } catch {
    return false;
  }
}

/**
 * Binds the element to the consent store: validates its attributes into a config, builds
 * the store for it, and carries each choice out — events, Consent Mode signals, other
 * tabs, the receipt, cookies of withdrawn categories, and the gate.
 */
export class ConsentController implements ReactiveController {
  /** The validated configuration, re-read before every render. */
  config!: ConsentConfig;
  private current?: ConsentStore;
  private unsubscribe?: () => void;
  private tabs?: CrossTab;
  /** The choice last carried out, to tell what a new one withdraws. */
  private applied: ConsentRecord | null = null;
  private readonly reported = new Set<string>();
  private rawKey?: string;
  /** Connected, and the observer and placeholders still to be set up after the next update. */
  private connecting = false;
  private readonly gate = new ScriptGate(() => this.current?.consent ?? null, {
    blocked: (element) => this.showPlaceholder(element),
    live: (element) => this.hidePlaceholder(element),
    categories: () => this.config?.categories,
  });
  /** Whether the page has loaded and hydrated: placeholders wait for it. */
  private settled = false;
  /** Frames waiting for the page to settle before they get a placeholder. */
  private readonly unsettled = new Set<HTMLIFrameElement>();
  /** The inline display (value, priority) of each frame a placeholder hides, to put back. */
  private readonly hiddenDisplay = new WeakMap<HTMLElement, [string, string]>();
  private readonly log: Pick<Console, 'warn' | 'error'>;
  private readonly options: ConsentControllerOptions;

  constructor(
    private readonly host: ConsentHost,
    settings: ConsentControllerOptions = {},
  ) {
    this.options = ownOptions(settings);
    this.log = this.options.log ?? console;
    host.addController(this);
  }

  /** The store for the element's attributes; built on first use. */
  get store(): ConsentStore {
    if (!this.current) this.sync();
    return this.current!;
  }

  /** Re-reads the attributes; builds a new store only when they name another stored choice. */
  sync(): void {
    const raw = this.host.rawConfig();
    // Every render re-reads the attributes; most renders change none of them.
    const key = JSON.stringify(raw);
    if (this.current && key === this.rawKey) return;
    this.rawKey = key;
    const { config, problems } = parseConfig(raw);
    for (const { message } of problems) {
      // Attributes are re-read on every update; say each mistake once, not on every render.
      if (!this.reported.has(message)) this.log.error(message);
      this.reported.add(message);
    }
    this.config = config;
    const previous = this.current;
    if (previous && STORE_KEYS.every((k) => String(previous.config[k]) === String(config[k]))) return;
    this.release();
    const storage = this.options.storage?.(config) ?? cookieStorage({ name: config.cookieName, domain: config.cookieDomain });
    const store = new ConsentStore(config, storage, { log: this.log, gpc: config.respectGpc && globalPrivacyControl() });
    this.current = store;
    this.applied = store.consent;
    this.listen();
    // Consent Mode first: Google tags must see "denied" before anything can run.
    if (config.consentMode) {
      pushConsentDefault(window);
      if (store.consent) pushConsentUpdate(window, store.consent);
    }
    window.dispatchEvent(new YinyomReadyEvent(Object.freeze({ consent: store.consent })));
    // While connecting, hostUpdated() scans the page anyway: one pass, not two.
    if (store.consent && !this.connecting) void this.gate.apply();
  }

  hostConnected(): void {
    if (this.host.primary) {
      this.log.warn('yinyom: this page has more than one <yinyom-consent>; the first one serves it and the others stand by. Keep one.');
      return;
    }
    // The stored choice is read in the element's next update (hostUpdate), not here: the
    // element's first update has a task of its own, while this runs in the task of the
    // script that upgraded the element, which also holds the page's first layout when the
    // script is deferred. Reading document.cookie from here also cost about 8 ms more on the
    // bench machine, with the whole 60 KB file on the stack (Chromium collects source
    // positions for the frames on the stack).
    this.connecting = true;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    if (!this.host.primary) this.sync();
  }

  hostUpdated(): void {
    if (!this.connecting || this.host.primary) return;
    this.connecting = false;
    // sync() listens when it builds a store; after a reconnection the store is kept.
    this.listen();
    this.gate.observe();
    // Every connection scans, whatever the stored choice: a client router that moves the
    // element (Astro's transition:persist, a re-parenting layout) brings a new page with it,
    // whose gated markup, `!category` scripts and placeholders need the rules applied.
    void this.gate.apply();
    whenParsed(() => this.checkWithdrawal());
  }

  /**
   * Changing one's mind must stay as easy as deciding (PDPA s.19): with the floating button
   * hidden, the page itself must offer a way back to the preferences.
   */
  private checkWithdrawal(): void {
    if (this.config.settingsButton || document.querySelector('[data-yinyom-open]') || this.reported.has('withdrawal')) return;
    this.reported.add('withdrawal');
    this.log.warn(
      'yinyom: no-settings-button hides the floating button, and this page has no element with data-yinyom-open, so a visitor ' +
        'who has chosen cannot change their mind. Add <a href="#" data-yinyom-open>ตั้งค่าคุกกี้</a> to the footer, or remove no-settings-button.',
    );
  }

  hostDisconnected(): void {
    this.release();
    this.gate.disconnect();
  }

  private listen(): void {
    const store = this.current!;
    this.unsubscribe ??= store.subscribe((change, remote) => this.handleChange(change, remote));
    this.tabs ??= crossTab(this.config.cookieName, () => store.refresh(), { read: () => document.cookie });
  }

  /**
   * Puts a placeholder in place of a blocked iframe (once), in the notice's language. It is
   * tied to the frame (companions.ts): when the page removes the frame, its placeholder and
   * its "allow" button go with it.
   */
  private showPlaceholder(element: HTMLElement): void {
    if (!(element instanceof HTMLIFrameElement)) return;
    const existing = this.gate.companions.of(element);
    if (existing) return void existing.setAttribute('lang', this.host.language);
    // Not into markup a framework has yet to hydrate (when-settled.ts): the frame stays
    // empty, without a src, until the page has settled, and gets its placeholder then.
    if (!this.settled) {
      if (!this.unsettled.size) {
        whenSettled(() => {
          this.settled = true;
          // An element taken away meanwhile puts nothing in: its next connection scans again.
          if (this.gate.observing) {
            for (const frame of this.unsettled) if (frame.isConnected && !frame.hasAttribute(GATE_STATE)) this.showPlaceholder(frame);
          }
          this.unsettled.clear();
        });
      }
      this.unsettled.add(element);
      return;
    }
    const placeholder = document.createElement('yinyom-placeholder');
    const spec = element.getAttribute('data-consent') ?? '';
    placeholder.setAttribute('provider', providerName(element.getAttribute('data-src') ?? ''));
    placeholder.setAttribute('category', spec.split(/\s+/).find((t) => t && t[0] !== '!') ?? 'marketing');
    placeholder.setAttribute('lang', this.host.language);
    // Take the frame's size, through the CSSOM (a strict style-src allows it).
    for (const side of ['width', 'height'] as const) {
      const size = element.getAttribute(side)?.trim();
      if (size && /^\d+(\.\d+)?%?$/.test(size)) placeholder.style.setProperty(side, size.endsWith('%') ? size : `${size}px`);
    }
    placeholder.addEventListener('yinyom-load-once', () => void this.gate.activate(element));
    placeholder.addEventListener('yinyom-allow', (event) => this.host.allow((event as CustomEvent<{ category: string }>).detail.category));
    // Inline and important, so that a site's own `iframe { display: block }` cannot show an
    // empty frame next to its placeholder. The frame's own inline display comes back after.
    // A frame the page took out and put back (Vue's KeepAlive) is hidden by us already.
    if (!this.hiddenDisplay.has(element)) {
      this.hiddenDisplay.set(element, [element.style.getPropertyValue('display'), element.style.getPropertyPriority('display')]);
    }
    element.style.setProperty('display', 'none', 'important');
    this.gate.companions.tie(element, placeholder, 'before');
  }

  private hidePlaceholder(element: HTMLElement): void {
    const display = this.hiddenDisplay.get(element);
    if (!display) return;
    this.gate.companions.untie(element);
    this.hiddenDisplay.delete(element);
    if (display[0]) element.style.setProperty('display', ...display);
    else element.style.removeProperty('display');
  }

  private release(): void {
    this.unsubscribe?.();
    this.tabs?.close();
    this.unsubscribe = this.tabs = undefined;
  }

  private handleChange(change: ConsentChange | null, remote: boolean): void {
    const { config } = this;
    const consent = change?.consent ?? null;
    const withdrawn = config.categories.filter((c) => isGranted(this.applied, c) && !isGranted(consent, c));
    this.applied = consent;
    // Only the tab where the visitor chose tells the others, and sends the receipt.
    if (!remote) this.tabs?.notify();
    if (change) window.dispatchEvent(new YinyomChangeEvent(change));
    if (config.consentMode) pushConsentUpdate(window, consent);
    if (change && !remote && config.logUrl) {
      sendReceipt(config.logUrl, { ...change.consent, page: receiptPage(location), policyUrl: config.policyUrl });
    }
    if (withdrawn.length) {
      const patterns = withdrawn.flatMap((c) => [
        ...(ownValue(TRACKER_COOKIES, c) ?? []),
        ...cookiePatterns([...(ownValue(config.clearCookies, c) ?? []), ...this.host.declaredCookies(c)].join(' ')),
      ]);
      clearCookies(patterns, { keep: config.cookieName });
      // Scripts that already ran cannot be unloaded: only a fresh page view is clean.
      if (config.reloadOnWithdrawal && withdrawn.some((c) => this.gate.ran.has(c))) {
        this.host.requestUpdate();
        (this.options.reload ?? (() => location.reload()))();
        return;
      }
    }
    // The gate's pass is queued before the re-render, so an accepted script runs first:
    // the visitor's click costs one pass over the page before the notice goes away.
    void this.gate.apply();
    this.host.requestUpdate();
  }
}
