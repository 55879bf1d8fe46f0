import type { ConsentConfig } from '../core/config.js';
import { isGranted, type ConsentRecord } from '../core/consent-record.js';
import type { ConsentStorage } from '../core/consent-storage.js';
import { ConsentStore, type ConsentChange } from '../core/consent-store.js';
import { globalPrivacyControl } from '../core/gpc.js';
import { YinyomChangeEvent } from '../events/yinyom-change.js';
import { YinyomReadyEvent } from '../events/yinyom-ready.js';
import { ownOptions, ownValue } from '../internal/own.js';
import { pushConsentDefault, pushConsentUpdate } from './consent-mode.js';
import { cookieStorage } from './cookie-storage.js';
import { crossTab, type CrossTab } from './cross-tab.js';
import { loadExtra, type Extra } from '../internal/load-extra.js';
import { receiptPage, sendReceipt, type ConsentReceipt, type ReceiptSource, type ReceiptTransport } from './receipt.js';
import { ScriptGate } from './script-gate.js';

/** What a session takes from the second file. */
export type Later = Pick<Extra, 'sha256' | 'clearWithdrawn'>;

/** The page a session works on; each one replaceable by a fake in tests. */
export interface SessionAdapters {
  readonly win?: Window;
  readonly doc?: Document;
  readonly log?: Pick<Console, 'warn' | 'error'>;
  /** Reloads the page after a withdrawal; `location.reload` by default. */
  readonly reload?: () => void;
  /** Where a config's choice is stored; the consent cookie by default. */
  readonly storage?: (config: ConsentConfig) => ConsentStorage;
  /** Whether the browser sends Global Privacy Control. */
  readonly gpc?: () => boolean;
  /** How receipts travel; sendBeacon, then fetch, by default. */
  readonly transport?: ReceiptTransport;
  /**
   * The second file, for what follows only some choices: the receipt's digest and the
   * clearing of withdrawn cookies. loadExtra() by default.
   */
  readonly extra?: () => Promise<Later>;
  /** How long a withdrawal's reload waits for that file before it goes ahead; 3 s by default. */
  readonly extraWait?: number;
}

/** What the session asks of the element it serves. */
export interface SessionHooks {
  /** Where yinyom-ready and yinyom-change are dispatched: the element while connected. */
  readonly target?: () => EventTarget;
  /** Cookie names the site declares for a category, deleted on withdrawal too. */
  readonly declaredCookies?: (category: string) => readonly string[];
  /** The choice changed (or a new one is being asked for): render again. */
  readonly changed?: () => void;
  /** The gate kept an element inert, or made it live: for placeholders. */
  readonly blocked?: (element: HTMLElement) => void;
  readonly live?: (element: HTMLElement) => void;
  /**
   * The notice's wording as shown now (notice-wording.ts), for the receipt's digest. Called
   * at the choice, it fixes what was shown (language, config); the function it returns is
   * called once every text has arrived with the second file.
   */
  readonly wording?: () => () => string;
}

// Changing any of these means a different stored choice; the rest only changes the view.
const STORED_CHOICE_KEYS = [
  'cookieName',
  'cookieDomain',
  'revision',
  'expiresDays',
  'categories',
  'respectGpc',
] as const;

/**
 * The consent store for a config, and what follows each choice, in one framework-free
 * object: events, Consent Mode signals, other tabs, the receipt, the cookies of withdrawn
 * categories, and the gate. The element binds it to its lifecycle (consent-controller.ts).
 */
export class ConsentSession {
  readonly gate: ScriptGate;
  /** Where the next choice is made; the element sets it around the choices made in it. */
  source: ReceiptSource = 'api';
  private _config?: ConsentConfig;
  private _current?: ConsentStore;
  private _unsubscribe?: () => void;
  private _tabs?: CrossTab;
  /** The choice last carried out, to tell what a new one withdraws. */
  private _applied: ConsentRecord | null = null;
  private readonly _win: Window;
  private readonly _doc: Document;
  private readonly _log: Pick<Console, 'warn' | 'error'>;
  private readonly _adapters: SessionAdapters;
  private readonly _hooks: SessionHooks;
  private _settled = Promise.resolve();

  constructor(adapters: SessionAdapters = {}, hooks: SessionHooks = {}) {
    this._adapters = ownOptions(adapters);
    this._hooks = ownOptions(hooks);
    this._win = this._adapters.win ?? window;
    this._doc = this._adapters.doc ?? document;
    this._log = this._adapters.log ?? console;
    this.gate = new ScriptGate(() => this._current?.consent ?? null, {
      root: this._doc,
      log: this._log,
      blocked: (element) => this._hooks.blocked?.(element),
      live: (element) => this._hooks.live?.(element),
      categories: () => this._config?.categories,
    });
  }

  /** The store of the current config; undefined before the first configure(). */
  get store(): ConsentStore | undefined {
    return this._current;
  }

  /**
   * Takes a new config. Builds a new store (and reads the stored choice) only when the
   * config names another stored choice; returns whether it did.
   */
  configure(config: ConsentConfig): boolean {
    const previous = this._current;
    const before = this._config;
    this._config = config;
    const same =
      previous !== undefined && STORED_CHOICE_KEYS.every((key) => String(previous.config[key]) === String(config[key]));
    if (!same) {
      this.stop();
      const storage =
        this._adapters.storage?.(config) ?? cookieStorage({ name: config.cookieName, domain: config.cookieDomain });
      const gpc = config.respectGpc && (this._adapters.gpc ?? (() => globalPrivacyControl(this._win.navigator)))();
      this._current = new ConsentStore(config, storage, { log: this._log, gpc });
      // What already ran stays what a later choice withdraws from: a new revision or cookie
      // asks again, and what the visitor then refuses is cleared as any withdrawal is.
      if (!previous) this._applied = this._current.consent;
    }
    const store = this._current!;
    // Consent Mode first: Google tags must see "denied" before anything can run, and the
    // signals must follow a new stored choice (or none) at once, as they follow a choice.
    if (config.consentMode && (!same || !before?.consentMode)) {
      pushConsentDefault(this._win);
      if (store.consent || previous) pushConsentUpdate(this._win, store.consent);
    }
    if (!same) this._dispatch(new YinyomReadyEvent(Object.freeze({ consent: store.consent })));
    return !same;
  }

  /**
   * Carries out each choice from now on, in this order:
   * 1. other tabs hear of it (only from the tab where the visitor chose);
   * 2. `yinyom-change` tells the page's own scripts;
   * 3. Consent Mode tells Google's tags;
   * 4. the receipt goes to `log-url` (again only from the choosing tab);
   * 5. the cookies of withdrawn categories go, and the page reloads when scripts of theirs
   *    already ran (they cannot be unloaded); otherwise the gate makes newly allowed
   *    elements live, before the element renders again.
   * The store isolates its listeners: one that throws does not stop the next.
   */
  listen(): void {
    const store = this._current;
    if (!store || this._unsubscribe) return;
    const stops = [
      store.subscribe((_, remote) => {
        if (!remote) this._tabs?.notify();
      }),
      store.subscribe((change) => {
        if (change) this._dispatch(new YinyomChangeEvent(change));
      }),
      store.subscribe((change) => {
        if (this._config!.consentMode) pushConsentUpdate(this._win, change?.consent ?? null);
      }),
      store.subscribe((change, remote) => this._receipt(change, remote)),
      store.subscribe((change) => this._carryOut(change)),
    ];
    this._unsubscribe = () => stops.forEach((stop) => stop());
    this._tabs = crossTab(store.config.cookieName, () => store.refresh(), {
      read: () => this._doc.cookie,
      win: this._win as Window & typeof globalThis,
    });
  }

  /** Stops carrying out choices: the element left the page, or the config changed. */
  stop(): void {
    this._unsubscribe?.();
    this._tabs?.close();
    this._unsubscribe = undefined;
    this._tabs = undefined;
  }

  /**
   * The receipt of a choice made here. A reset() has no record left, so its receipt is the
   * last one with nothing optional granted from now on: consent ended, and when.
   * Its wording digest needs the second file: the receipt waits for it, and goes without the
   * digest when it cannot come or when the page is left first. It is never lost.
   */
  private _receipt(change: ConsentChange | null, remote: boolean): void {
    const { logUrl, policyUrl, categories } = this._config!;
    const previous = this._applied;
    if (remote || !logUrl || !(change ?? previous)) return;
    const consent: ConsentRecord = change?.consent ?? {
      ...previous!,
      updatedAt: new Date().toISOString(),
      method: 'reject-all',
      categories: { necessary: true, ...Object.fromEntries(categories.map((category) => [category, false])) },
    };
    const withdraws = categories.some((category) => isGranted(previous, category) && !isGranted(consent, category));
    const receipt: ConsentReceipt = {
      ...consent,
      page: receiptPage(this._win.location),
      policyUrl,
      source: this.source,
      event: !change ? 'reset' : change.first ? 'first' : withdraws ? 'withdrawal' : 'change',
    };
    let pending = true;
    const send = (digest?: () => string) => {
      if (!pending) return;
      pending = false;
      this._win.removeEventListener?.('pagehide', leave);
      let noticeDigest: string | undefined;
      try {
        noticeDigest = digest?.();
      } catch (error) {
        this._log.error(
          'yinyom: the wording digest of a receipt could not be computed; it is sent without one.',
          error,
        );
      }
      sendReceipt(logUrl, { ...receipt, noticeDigest }, this._adapters.transport, this._log);
    };
    const leave = () => send();
    const wording = this._hooks.wording?.();
    if (!wording) return send();
    this._win.addEventListener?.('pagehide', leave);
    void this._extra(
      (extra) => send(() => `sha256-${extra.sha256(wording())}`),
      () => send(),
    );
  }

  private _carryOut(change: ConsentChange | null): void {
    const config = this._config!;
    const consent = change?.consent ?? null;
    const withdrawn = config.categories.filter(
      (category) => isGranted(this._applied, category) && !isGranted(consent, category),
    );
    this._applied = consent;
    if (withdrawn.length) {
      const reload =
        config.reloadOnWithdrawal &&
        withdrawn.some((category) => this.gate.ran.has(category)) &&
        (this._adapters.reload ?? (() => this._win.location.reload()));
      // The cookies' rules come with the second file: a reload waits for it, a bounded while.
      const clear = this._extra(
        (extra) =>
          extra.clearWithdrawn(
            withdrawn.map((category) => [
              category,
              [...(ownValue(config.clearCookies, category) ?? []), ...(this._hooks.declaredCookies?.(category) ?? [])],
            ]),
            { doc: this._doc, keep: config.cookieName },
          ),
        () =>
          this._log.error(
            `yinyom: the cookies of the withdrawn categories (${withdrawn.join(', ')}) could not be deleted: the second file did not load (see the error above).`,
          ),
      );
      if (reload) {
        // The reload must happen whatever the render does, once.
        try {
          this._hooks.changed?.();
        } finally {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, this._adapters.extraWait ?? 3000)));
          void Promise.race([clear, wait]).then(() => {
            clearTimeout(timer);
            reload();
          });
        }
        return;
      }
    }
    // The gate's pass is queued before the re-render, so an accepted script runs first:
    // the visitor's click costs one pass over the page before the notice goes away.
    void this.gate.apply();
    this._hooks.changed?.();
  }

  /**
   * Runs `work` with the second file once it is here, or `fallback` when it cannot come.
   * `settled` follows every such piece of work.
   */
  private _extra(work: (extra: Later) => unknown, fallback: () => void): Promise<void> {
    const done = (this._adapters.extra ?? loadExtra)()
      .then(
        (extra) => void work(extra),
        () => fallback(),
      )
      // A broken cookie jar or transport must not leave the promise rejected, nor the reload undone.
      .catch((error: unknown) => this._log.error('yinyom:', error));
    this._settled = Promise.all([this._settled, done]).then(() => undefined);
    return done;
  }

  /** Resolves once the receipts and cookie clearing of the choices made so far are done. */
  get settled(): Promise<void> {
    return this._settled;
  }

  private _dispatch(event: Event): void {
    (this._hooks.target?.() ?? this._win).dispatchEvent(event);
  }
}
