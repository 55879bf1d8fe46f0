import { isOptionalCategory, type CategoryChoices, type CategoryStates, type OptionalCategory } from './categories.js';
import type { ConsentConfig } from './config.js';
import {
  decodeRecord,
  encodeRecord,
  isGranted,
  recordStanding,
  type ConsentMethod,
  type ConsentRecord,
} from './consent-record.js';
import type { ConsentStorage } from './consent-storage.js';
import type { Language } from './language.js';
import { uuid } from './uuid.js';

/** Why the notice is being shown: a first visit, or a choice that no longer stands. */
export type AskReason = 'none' | 'revision' | 'expired';

export interface ConsentChange {
  readonly consent: ConsentRecord;
  /** Optional categories whose granted state differs from before this choice. */
  readonly changed: readonly OptionalCategory[];
  /** True for the first choice ever made on this browser. */
  readonly first: boolean;
}

export interface ConsentStoreOptions {
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Where warnings and errors go; the console by default. */
  readonly log?: Pick<Console, 'warn' | 'error'>;
  /**
   * The browser sends Global Privacy Control and the site honours it: "accept all" then
   * grants everything but marketing, which only an explicit switch can turn on.
   */
  readonly gpc?: boolean;
}

/** `remote`: the change was read from another tab's write, not made here. */
type Listener = (change: ConsentChange | null, remote: boolean) => void;

/**
 * Owns the consent record: reads it once, validates it against the config, and is the only
 * place a choice is made or forgotten. Knows nothing of the DOM beyond its storage adapter.
 */
export class ConsentStore {
  private record: ConsentRecord | null = null;
  /** A readable record existed, valid or not: later choices are not the first. */
  private hadRecord = false;
  private reason: AskReason = 'none';
  private readonly listeners = new Set<Listener>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly log: Pick<Console, 'warn' | 'error'>;
  /** Whether "accept all" leaves marketing off (Global Privacy Control). */
  readonly gpc: boolean;

  constructor(
    readonly config: ConsentConfig,
    private readonly storage: ConsentStorage,
    options: ConsentStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => uuid());
    this.log = options.log ?? console;
    this.gpc = options.gpc === true;
    this.record = this.load();
  }

  /** The standing choice, or null when the visitor has to be asked. */
  get consent(): ConsentRecord | null {
    return this.record;
  }

  /** Why the visitor is being asked again, when a stored choice no longer stands. */
  get askReason(): AskReason {
    return this.record ? 'none' : this.reason;
  }

  hasConsent(category: string): boolean {
    return isGranted(this.record, category);
  }

  acceptAll(language: Language): ConsentChange {
    const all = this.config.categories.filter((c) => !(this.gpc && c === 'marketing'));
    return this.commit('accept-all', Object.fromEntries(all.map((c) => [c, true])), language);
  }

  rejectAll(language: Language): ConsentChange {
    return this.commit('reject-all', {}, language);
  }

  /**
   * Stores a per-category choice. Categories left out are refused, never assumed; names
   * the site does not use are reported and ignored rather than thrown, so a page's
   * script error can never leave consent half-written.
   */
  save(choices: CategoryChoices | Record<string, unknown>, language: Language): ConsentChange {
    const granted: CategoryChoices = {};
    for (const [key, value] of Object.entries(choices ?? {})) {
      if (isOptionalCategory(key) && this.config.categories.includes(key)) {
        granted[key] = value === true;
      } else {
        this.log.error(
          `yinyom: save() got "${key}", which is not a category in use here (${this.config.categories.join(', ')}). ` +
            `Add it to the categories attribute or leave it out; it was ignored.`,
        );
      }
    }
    return this.commit('custom', granted, language);
  }

  /** Forgets the choice: the visitor is asked again, and nothing optional is granted. */
  reset(): void {
    this.storage.remove();
    this.record = null;
    this.reason = 'none';
    this.emit(null);
  }

  /**
   * Re-reads the storage after another tab wrote it, and tells the listeners when the
   * standing choice differs from the one held here. Returns whether it did.
   */
  refresh(): boolean {
    const previous = this.record;
    const record = this.load(true);
    if (previous?.id === record?.id && previous?.updatedAt === record?.updatedAt) return false;
    this.record = record;
    this.emit(record && { consent: record, changed: this.changedFrom(previous, record), first: false }, true);
    return true;
  }

  /** Calls back after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The standing record in storage, or null (with the reason kept for the notice). */
  private load(quiet = false): ConsentRecord | null {
    this.reason = 'none';
    const value = this.storage.read();
    if (value === undefined || value === '') return null;
    const record = decodeRecord(value);
    if (!record) {
      if (!quiet) this.log.warn(
        `yinyom: the stored choice in cookie "${this.config.cookieName}" is not valid (changed by hand or by ` +
          `another script?). It counts as no choice: the visitor is asked again and the next choice replaces it.`,
      );
      return null;
    }
    this.hadRecord = true;
    const standing = recordStanding(record, this.config.revision, this.config.expiresDays, this.now());
    if (standing === 'valid') return this.normalize(record);
    this.reason = standing;
    return null;
  }

  private changedFrom(previous: ConsentRecord | null, record: ConsentRecord): OptionalCategory[] {
    return this.config.categories.filter((c) => isGranted(previous, c) !== isGranted(record, c));
  }

  /** Views a stored record through today's categories: one boolean for each in use. */
  private normalize(record: ConsentRecord): ConsentRecord {
    return { ...record, categories: this.states(record.categories) };
  }

  private states(choices: CategoryChoices): CategoryStates {
    const states: CategoryStates = { necessary: true };
    for (const category of this.config.categories) states[category] = choices[category] === true;
    return states;
  }

  private commit(method: ConsentMethod, choices: CategoryChoices, language: Language): ConsentChange {
    const previous = this.record;
    const categories = this.states(choices);
    // The same answer again (a double click, a script calling acceptAll() on every page)
    // is not a new choice: nothing to store, nothing to announce.
    if (
      previous?.method === method &&
      this.config.categories.every((c) => previous.categories[c] === categories[c])
    ) {
      return { consent: previous, changed: [], first: false };
    }
    const at = new Date(this.now()).toISOString();
    const record: ConsentRecord = {
      // The same consent, updated, keeps its id and date; a new revision starts a new one.
      id: previous?.id ?? this.newId(),
      revision: this.config.revision,
      language,
      givenAt: previous?.givenAt ?? at,
      updatedAt: at,
      method,
      categories,
    };
    const changed = this.changedFrom(previous, record);
    const first = !this.hadRecord;
    this.record = record;
    this.hadRecord = true;
    this.reason = 'none';
    if (!this.storage.write(encodeRecord(record), this.config.expiresDays)) {
      this.log.error(
        `yinyom: the browser refused to store the consent cookie "${this.config.cookieName}"` +
          (this.config.cookieDomain ? ` for domain "${this.config.cookieDomain}"` : '') +
          '. The choice applies to this page view only. Check that cookies are enabled and that cookie-domain is this site or a parent of it.',
      );
    }
    const change: ConsentChange = { consent: record, changed, first };
    this.emit(change);
    return change;
  }

  private emit(change: ConsentChange | null, remote = false): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change, remote);
      } catch (error) {
        this.log.error('yinyom: a consent listener threw:', error);
      }
    }
  }
}
