import { isOptionalCategory, type CategoryChoices, type CategoryStates, type OptionalCategory } from './categories.js';
import type { ConsentConfig } from './config.js';
import {
  decodeRecord,
  encodeRecord,
  freezeRecord,
  isGranted,
  recordStanding,
  type ConsentMethod,
  type ConsentRecord,
} from './consent-record.js';
import type { ConsentStorage } from './consent-storage.js';
import type { Language } from '../i18n/language.js';
import { own, ownOptions } from '../internal/own.js';
import { uuid } from './uuid.js';

/** How far ahead of this browser's clock a record may be dated (a clock set back a little). */
const CLOCK_SKEW = 3_600_000;

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
  private _record: ConsentRecord | null = null;
  /** A readable record existed, valid or not: later choices are not the first. */
  private _hadRecord = false;
  private _reason: AskReason = 'none';
  private readonly _listeners = new Set<Listener>();
  private readonly _now: () => number;
  private readonly _newId: () => string;
  private readonly _log: Pick<Console, 'warn' | 'error'>;
  /** Whether "accept all" leaves marketing off (Global Privacy Control). */
  readonly gpc: boolean;

  constructor(
    readonly config: ConsentConfig,
    private readonly _storage: ConsentStorage,
    settings: ConsentStoreOptions = {},
  ) {
    const options = ownOptions(settings);
    this._now = options.now ?? Date.now;
    this._newId = options.newId ?? (() => uuid());
    this._log = options.log ?? console;
    this.gpc = options.gpc === true;
    this._record = this._load();
  }

  /** The standing choice, or null when the visitor has to be asked. */
  get consent(): ConsentRecord | null {
    return this._record;
  }

  /** Why the visitor is being asked again, when a stored choice no longer stands. */
  get askReason(): AskReason {
    return this._record ? 'none' : this._reason;
  }

  hasConsent(category: string): boolean {
    return isGranted(this._record, category);
  }

  acceptAll(language: Language): ConsentChange {
    const all = this.config.categories.filter((c) => !(this.gpc && c === 'marketing'));
    return this._commit('accept-all', Object.fromEntries(all.map((c) => [c, true])), language);
  }

  rejectAll(language: Language): ConsentChange {
    return this._commit('reject-all', {}, language);
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
        this._log.error(
          `yinyom: save() got "${key}", which is not a category in use here (${this.config.categories.join(', ')}). ` +
            `Add it to the categories attribute or leave it out; it was ignored.`,
        );
      }
    }
    return this._commit('custom', granted, language);
  }

  /** Forgets the choice: the visitor is asked again, and nothing optional is granted. */
  reset(): void {
    try {
      this._storage.remove();
    } catch {
      // Cookies unavailable: there is nothing stored to forget.
    }
    this._record = null;
    this._reason = 'none';
    this._emit(null);
  }

  /**
   * Re-reads the storage after another tab wrote it, and tells the listeners when the
   * standing choice differs from the one held here. Returns whether it did.
   */
  refresh(): boolean {
    const previous = this._record;
    const record = this._load(true);
    if (previous?.id === record?.id && previous?.updatedAt === record?.updatedAt) return false;
    this._record = record;
    this._emit(
      record &&
        Object.freeze({ consent: record, changed: Object.freeze(this._changedFrom(previous, record)), first: false }),
      true,
    );
    return true;
  }

  /** Calls back after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /**
   * The standing record in storage, or null (with the reason kept for the notice). The one
   * rule for reading it (README, "How the stored choice is read"): only cookies of the exact name count;
   * each is validated on its own, and one that is not exactly what yinyom writes, dated in
   * the future, or at odds with its method is no choice. Of the valid ones for this policy
   * revision the latest gives the record, and a category stays granted only if no other
   * copy refuses it: a refusal is never overridden by an older copy, or by a foreign one a
   * sibling site planted on the parent domain. Writing a choice removes the copies it can.
   */
  private _load(quiet = false): ConsentRecord | null {
    this._reason = 'none';
    let values: string[];
    try {
      values = this._storage.readAll();
    } catch (error) {
      if (!quiet) {
        this._log.error(
          'yinyom: this page cannot read cookies (a sandboxed frame without allow-same-origin, or a script that blocks them), ' +
            'so no earlier choice can be found: the notice is shown and a choice applies to this page view only.',
          error,
        );
      }
      return null;
    }
    const now = this._now();
    const records: ConsentRecord[] = [];
    let invalid = false;
    for (const value of values) {
      const record = value === '' ? null : decodeRecord(value);
      if (record && Date.parse(record.updatedAt) <= now + CLOCK_SKEW) records.push(record);
      else invalid ||= value !== '';
    }
    if (invalid && !quiet) {
      this._log.warn(
        `yinyom: the stored choice in cookie "${this.config.cookieName}" is not valid (changed by hand or by ` +
          `another script?). It counts as no choice: the visitor is asked again and the next choice replaces it.`,
      );
    }
    if (!records.length) return null;
    this._hadRecord = true;
    records.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    const standing = records.filter(
      (r) => recordStanding(r, this.config.revision, this.config.expiresDays, now) === 'valid',
    );
    if (!standing.length) {
      this._reason = recordStanding(records[0], this.config.revision, this.config.expiresDays, now) as AskReason;
      return null;
    }
    const [latest, ...others] = standing;
    const record = this._normalize(latest);
    const refused = this.config.categories.filter(
      (c) => isGranted(record, c) && others.some((o) => own(o.categories, c) && !isGranted(o, c)),
    );
    if (!refused.length) return record;
    if (!quiet) {
      this._log.warn(
        `yinyom: the page sees ${standing.length} copies of cookie "${this.config.cookieName}" that disagree (one may come from another ` +
          `site on a parent domain). ${refused.join(', ')} stays refused until the visitor chooses again, which replaces them.`,
      );
    }
    const categories = { ...record.categories };
    for (const c of refused) categories[c] = false;
    return freezeRecord({ ...record, method: 'custom', categories });
  }

  private _changedFrom(previous: ConsentRecord | null, record: ConsentRecord): OptionalCategory[] {
    return this.config.categories.filter((c) => isGranted(previous, c) !== isGranted(record, c));
  }

  /** Views a stored record through today's categories: one boolean for each in use. */
  private _normalize(record: ConsentRecord): ConsentRecord {
    return freezeRecord({ ...record, categories: this._states(record.categories) });
  }

  private _states(choices: CategoryChoices): CategoryStates {
    const states: CategoryStates = { necessary: true };
    for (const category of this.config.categories)
      states[category] = own(choices, category) && choices[category] === true;
    return states;
  }

  private _commit(method: ConsentMethod, choices: CategoryChoices, language: Language): ConsentChange {
    const previous = this._record;
    const categories = this._states(choices);
    // The same answer again (a double click, a script calling acceptAll() on every page)
    // is not a new choice: nothing to store, nothing to announce.
    if (previous?.method === method && this.config.categories.every((c) => previous.categories[c] === categories[c])) {
      return Object.freeze({ consent: previous, changed: Object.freeze([]), first: false });
    }
    const at = new Date(this._now()).toISOString();
    const record: ConsentRecord = freezeRecord({
      // The same consent, updated, keeps its id and date; a new revision starts a new one.
      id: previous?.id ?? this._newId(),
      revision: this.config.revision,
      language,
      givenAt: previous?.givenAt ?? at,
      updatedAt: at,
      method,
      categories,
    });
    const changed = this._changedFrom(previous, record);
    const first = !this._hadRecord;
    this._record = record;
    this._hadRecord = true;
    this._reason = 'none';
    if (!this._write(encodeRecord(record))) {
      this._log.error(
        `yinyom: the browser refused to store the consent cookie "${this.config.cookieName}"` +
          (this.config.cookieDomain ? ` for domain "${this.config.cookieDomain}"` : '') +
          '. The choice applies to this page view only. Check that cookies are enabled and that cookie-domain is this site or a parent of it.',
      );
    }
    const change: ConsentChange = Object.freeze({ consent: record, changed: Object.freeze(changed), first });
    this._emit(change);
    return change;
  }

  /** Stores the encoded record; false when the browser refused it or threw. */
  private _write(value: string): boolean {
    try {
      return this._storage.write(value, this.config.expiresDays);
    } catch {
      return false;
    }
  }

  private _emit(change: ConsentChange | null, remote = false): void {
    for (const listener of [...this._listeners]) {
      try {
        listener(change, remote);
      } catch (error) {
        this._log.error('yinyom: a consent listener threw:', error);
      }
    }
  }
}
