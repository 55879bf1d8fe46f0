import { OPTIONAL_CATEGORIES, type CategoryStates } from './categories.js';
import type { Language } from '../i18n/language.js';
import { own } from '../internal/own.js';
import { UUID_PATTERN } from './uuid.js';

export const CONSENT_METHODS = ['accept-all', 'reject-all', 'custom'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What a visitor agreed to, when, under which policy revision: the site's proof of consent. */
export interface ConsentRecord {
  /** Random UUID identifying this consent, kept across later changes under the same revision. */
  readonly id: string;
  readonly revision: string;
  /** The language the notice was shown in when the visitor chose. */
  readonly language: Language;
  /** ISO-8601 UTC: the first choice under this revision. */
  readonly givenAt: string;
  /** ISO-8601 UTC: the latest change. */
  readonly updatedAt: string;
  readonly method: ConsentMethod;
  readonly categories: Readonly<CategoryStates>;
}

// The cookie value is internal and compact: eight fields joined by "|", all characters
// js-cookie leaves unescaped, e.g. `1|<uuid>|2|th|mhz4k0w0|mhz4k0w0|c|a1m0`: format
// version, id, revision (percent-encoded), language, given and updated (ms, base 36),
// method, and a letter and 0/1 per category.
const METHOD_CODES = ['a', 'r', 'c'];
const EARLIEST = Date.UTC(2025, 0, 1);
const CATEGORY_CODES = ['f', 'a', 'm'];
const STORED = new RegExp(
  `^1\\|(${UUID_PATTERN.source.slice(1, -1)})\\|([^|]{1,200})\\|([a-z]{2,3})\\|([0-9a-z]{1,10})\\|([0-9a-z]{1,10})\\|([arc])\\|((?:[fam][01]){0,3})$`,
);

export function encodeRecord(record: ConsentRecord): string {
  const time = (iso: string) => Date.parse(iso).toString(36);
  const categories = OPTIONAL_CATEGORIES.map((c, i) =>
    own(record.categories, c) ? CATEGORY_CODES[i] + +(record.categories[c] === true) : '',
  ).join('');
  return [
    1,
    record.id,
    encodeURIComponent(record.revision),
    record.language,
    time(record.givenAt),
    time(record.updatedAt),
    METHOD_CODES[CONSENT_METHODS.indexOf(record.method)],
    categories,
  ].join('|');
}

/**
 * Reads a stored value back, or returns null for anything that is not exactly what
 * `encodeRecord` writes: a tampered cookie must count as no choice, never as consent.
 */
export function decodeRecord(value: string): ConsentRecord | null {
  const match = STORED.exec(value);
  if (!match) return null;
  const [, id, rawRevision, language, given, updated, method, codes] = match;
  const givenAt = parseInt(given, 36);
  const updatedAt = parseInt(updated, 36);
  const categories: Record<string, boolean> = { necessary: true };
  for (let i = 0; i < codes.length; i += 2) {
    const category = OPTIONAL_CATEGORIES[CATEGORY_CODES.indexOf(codes[i])];
    if (own(categories, category)) return null;
    categories[category] = codes[i + 1] === '1';
  }
  // A record must say what its method means: "reject all" grants nothing, and "accept all"
  // grants everything but, under Global Privacy Control, marketing.
  const stated = (value: boolean) => OPTIONAL_CATEGORIES.filter((c) => own(categories, c) && categories[c] === value);
  if (method === 'r' ? stated(true).length : method === 'a' && stated(false).some((c) => c !== 'marketing'))
    return null;
  let revision: string;
  try {
    revision = decodeURIComponent(rawRevision);
  } catch {
    return null;
  }
  // No record predates yinyom: an earlier date is forged or from a broken clock.
  if (!(givenAt >= EARLIEST && updatedAt >= givenAt && updatedAt < 8.64e15)) return null;
  const record: ConsentRecord = {
    id,
    revision,
    language: language,
    givenAt: new Date(givenAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    method: CONSENT_METHODS[METHOD_CODES.indexOf(method)],
    categories: categories as CategoryStates,
  };
  // Only the exact bytes we write: no leading zeros, no stray percent-encoding, one form per record.
  return encodeRecord(record) === value ? record : null;
}

/** Whether a stored record still stands for this site's current policy and lifetime. */
export function recordStanding(
  record: ConsentRecord,
  revision: string,
  expiresDays: number,
  now: number,
): 'valid' | 'revision' | 'expired' {
  if (record.revision !== revision) return 'revision';
  return Date.parse(record.updatedAt) + expiresDays * 86_400_000 <= now ? 'expired' : 'valid';
}

/** Granted in this record? Categories the record never asked about are not granted. */
export function isGranted(record: ConsentRecord | null, category: string): boolean {
  if (category === 'necessary') return true;
  return (
    !!record && own(record.categories, category) && (record.categories as Record<string, boolean>)[category] === true
  );
}

/** A record no one can change: the store hands out this very object, and it is a snapshot. */
export function freezeRecord(record: ConsentRecord): ConsentRecord {
  return Object.freeze({ ...record, categories: Object.freeze({ ...record.categories }) });
}
