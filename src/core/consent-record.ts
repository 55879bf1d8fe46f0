import { OPTIONAL_CATEGORIES, type CategoryStates, type OptionalCategory } from './categories.js';
import { LANGUAGES, type Language } from './language.js';
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
// js-cookie leaves unescaped, e.g. `1|<uuid>|2|th|lx3k9c1s|lx3k9c1s|c|a1m0`.
const FORMAT_VERSION = '1';
const METHOD_CODES: Record<ConsentMethod, string> = { 'accept-all': 'a', 'reject-all': 'r', custom: 'c' };
const CATEGORY_CODES: Record<OptionalCategory, string> = { functional: 'f', analytics: 'a', marketing: 'm' };
const MAX_VALUE_LENGTH = 400;
const TIME = /^[0-9a-z]{1,10}$/;

export function encodeRecord(record: ConsentRecord): string {
  const time = (iso: string) => Date.parse(iso).toString(36);
  const categories = OPTIONAL_CATEGORIES.filter((c) => c in record.categories)
    .map((c) => CATEGORY_CODES[c] + (record.categories[c] ? '1' : '0'))
    .join('');
  return [
    FORMAT_VERSION,
    record.id,
    encodeURIComponent(record.revision),
    record.language,
    time(record.givenAt),
    time(record.updatedAt),
    METHOD_CODES[record.method],
    categories,
  ].join('|');
}

export type DecodeResult = { ok: true; record: ConsentRecord } | { ok: false; reason: string };

/**
 * Reads a stored value back. Anything that is not exactly what `encodeRecord` writes is
 * refused with a reason: a tampered cookie must count as no choice, never as consent.
 */
export function decodeRecord(value: string): DecodeResult {
  const fail = (reason: string): DecodeResult => ({ ok: false, reason });
  if (value.length > MAX_VALUE_LENGTH) return fail(`it is longer than ${MAX_VALUE_LENGTH} characters`);
  const fields = value.split('|');
  if (fields.length !== 8) return fail('it does not have the expected eight fields');
  const [version, id, rawRevision, language, given, updated, methodCode, rawCategories] = fields;
  if (version !== FORMAT_VERSION) return fail(`format version "${version}" is unknown`);
  if (!UUID_PATTERN.test(id)) return fail('its id is not a UUID');
  let revision: string;
  try {
    revision = decodeURIComponent(rawRevision);
  } catch {
    return fail('its revision is not valid percent-encoding');
  }
  if (!revision) return fail('its revision is empty');
  if (!(LANGUAGES as readonly string[]).includes(language)) return fail(`language "${language}" is unknown`);
  if (!TIME.test(given) || !TIME.test(updated)) return fail('its timestamps are not valid');
  const givenMs = parseInt(given, 36);
  const updatedMs = parseInt(updated, 36);
  if (!(givenMs > 0 && updatedMs >= givenMs && updatedMs < 8.64e15)) return fail('its timestamps are out of range');
  const method = CONSENT_METHODS.find((m) => METHOD_CODES[m] === methodCode);
  if (!method) return fail(`method "${methodCode}" is unknown`);
  if (!/^(?:[fam][01])*$/.test(rawCategories)) return fail('its categories are not valid');
  const categories: CategoryStates = { necessary: true };
  for (let i = 0; i < rawCategories.length; i += 2) {
    const category = OPTIONAL_CATEGORIES.find((c) => CATEGORY_CODES[c] === rawCategories[i])!;
    if (category in categories) return fail(`category "${category}" appears twice`);
    categories[category] = rawCategories[i + 1] === '1';
  }
  return {
    ok: true,
    record: {
      id,
      revision,
      language: language as Language,
      givenAt: new Date(givenMs).toISOString(),
      updatedAt: new Date(updatedMs).toISOString(),
      method,
      categories,
    },
  };
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
  return !!record && (record.categories as Record<string, boolean | undefined>)[category] === true;
}
