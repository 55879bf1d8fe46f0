// Formatting of GET /export rows: CSV (RFC 4180, guarded against formula injection) and JSON
// records whose field names follow ISO/IEC TS 27560:2023 consent records as far as public
// material describes them (mapping table in README.md).

import { OPTIONAL_CATEGORIES } from './validate.js';
import type { StoredReceipt } from './store/types.js';

export type ExportFormat = 'csv' | 'json';

export const CSV_COLUMNS = [
  'id',
  'updatedAt',
  'givenAt',
  'revision',
  'language',
  'method',
  'necessary',
  'functional',
  'analytics',
  'marketing',
  'page',
  'policyUrl',
  'source',
  'event',
  'noticeDigest',
  'receivedAt',
] as const;

/**
 * One CSV cell: a value a spreadsheet would read as a formula (= + - @, or a leading TAB or CR)
 * gets a leading apostrophe; then RFC 4180 quoting when the cell holds a quote, comma, CR or LF.
 */
export function csvCell(value: string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replaceAll('"', '""')}"`;
  return s;
}

const CRLF = '\r\n';

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + CRLF;
}

export function csvRow(r: StoredReceipt): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | boolean | null | undefined> = {
    id: r.id,
    updatedAt: r.updatedAt,
    givenAt: r.givenAt,
    revision: r.revision,
    language: r.language,
    method: r.method,
    necessary: true,
    functional: r.categories.functional,
    analytics: r.categories.analytics,
    marketing: r.categories.marketing,
    page: r.page,
    policyUrl: r.policyUrl,
    source: r.source,
    event: r.event,
    noticeDigest: r.noticeDigest,
    receivedAt: r.receivedAt,
  };
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',') + CRLF;
}

/** A record of the JSON export (see README.md, "Export and ISO/IEC TS 27560"). */
export interface ConsentRecord27560 {
  recordId: string;
  piiPrincipalId: string;
  consentTimestamp: string;
  firstConsentTimestamp: string;
  noticeVersion: string;
  noticeDigest: string | null;
  language: string;
  purposes: { purpose: string; consented: boolean }[];
  method: string;
  event: string | null;
  source: string | null;
  collectionUrl: string;
  privacyPolicyUrl: string | null;
  receivedAt: string;
}

export function toConsentRecord(r: StoredReceipt): ConsentRecord27560 {
  const purposes = [{ purpose: 'necessary', consented: true }];
  for (const category of OPTIONAL_CATEGORIES) {
    const state = r.categories[category];
    if (state !== undefined) purposes.push({ purpose: category, consented: state });
  }
  return {
    recordId: `${r.id}/${r.updatedAt}`,
    piiPrincipalId: r.id,
    consentTimestamp: r.updatedAt,
    firstConsentTimestamp: r.givenAt,
    noticeVersion: r.revision,
    noticeDigest: r.noticeDigest ?? null,
    language: r.language,
    purposes,
    method: r.method,
    event: r.event ?? null,
    source: r.source ?? null,
    collectionUrl: r.page,
    privacyPolicyUrl: r.policyUrl ?? null,
    receivedAt: r.receivedAt,
  };
}

/**
 * The export as chunks of text, one per row (plus the opening and closing): the rows come from
 * the store's batched iterator and are never collected in memory.
 */
export async function* exportChunks(rows: AsyncIterable<StoredReceipt>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvHeader();
    for await (const row of rows) yield csvRow(row);
    return;
  }
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield (first ? '\n' : ',\n') + JSON.stringify(toConsentRecord(row));
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
