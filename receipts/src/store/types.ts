import {
  OPTIONAL_CATEGORIES,
  type Categories,
  type Method,
  type Receipt,
  type ReceiptEvent,
  type Source,
} from '../validate.js';

/** A stored receipt: the fields as sent, plus when the server received it. */
export interface StoredReceipt extends Receipt {
  receivedAt: string;
}

/** One UTC day of GET /stats (days by updatedAt). */
export interface DayStats {
  day: string;
  choices: number;
  methods: Record<Method, number>;
  /** Granted / offered per category; null when no receipt that day offered it. */
  granted: { functional: number | null; analytics: number | null; marketing: number | null };
}

export type DatabaseKind = 'sqlite' | 'postgresql';

/**
 * Where receipts live. Days (`from`, `to`) are `YYYY-MM-DD` UTC and inclusive; they select rows
 * by updated_at.
 */
export interface Store {
  readonly kind: DatabaseKind;
  /** Stores a receipt once; resolves after the write committed. true = new row, false = duplicate. */
  insert(receipt: Receipt, receivedAt: Date): Promise<boolean>;
  /** Every record of a consent id, oldest first (by updatedAt). */
  byId(id: string): Promise<StoredReceipt[]>;
  /** Per-day numbers for the days that have receipts, oldest first. */
  stats(from: string, to: string): Promise<DayStats[]>;
  /** Rows ordered by (updatedAt, id), fetched in small batches, never all at once. */
  exportRows(from: string, to: string): AsyncIterable<StoredReceipt>;
  /** Deletes rows whose updated_at is before `date`; resolves to how many. */
  deleteOlderThan(date: Date): Promise<number>;
  /** Resolves when the database answers, rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Rows fetched per query by exportRows. */
export const EXPORT_BATCH = 500;

/** The first instant of the day after `day` (exclusive upper bound of an inclusive range). */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** A database row in either dialect, normalised: timestamps as ISO strings, booleans or null. */
export interface Row {
  id: string;
  updated_at: string | Date;
  given_at: string | Date;
  revision: string;
  language: string;
  method: string;
  necessary: boolean | number;
  functional: boolean | number | null;
  analytics: boolean | number | null;
  marketing: boolean | number | null;
  page: string;
  policy_url: string | null;
  source: string | null;
  event: string | null;
  notice_digest: string | null;
  received_at: string | Date;
}

const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : v);
const bool = (v: boolean | number | null): boolean | null => (v === null ? null : v === true || v === 1);

export function rowToReceipt(row: Row): StoredReceipt {
  const categories: Categories = { necessary: true };
  for (const c of OPTIONAL_CATEGORIES) {
    const v = bool(row[c]);
    if (v !== null) categories[c] = v;
  }
  // Keys in the order the widget sends them, receivedAt last.
  const r: Receipt = {
    id: row.id,
    revision: row.revision,
    language: row.language,
    givenAt: iso(row.given_at),
    updatedAt: iso(row.updated_at),
    method: row.method as Method,
    categories,
    page: row.page,
  };
  if (row.policy_url !== null) r.policyUrl = row.policy_url;
  if (row.source !== null) r.source = row.source as Source;
  if (row.event !== null) r.event = row.event as ReceiptEvent;
  if (row.notice_digest !== null) r.noticeDigest = row.notice_digest;
  return { ...r, receivedAt: iso(row.received_at) };
}

/** Parameters of an INSERT, in column order (COLUMNS). */
export const COLUMNS = [
  'id',
  'updated_at',
  'given_at',
  'revision',
  'language',
  'method',
  'necessary',
  'functional',
  'analytics',
  'marketing',
  'page',
  'policy_url',
  'source',
  'event',
  'notice_digest',
  'received_at',
] as const;

export function insertValues(r: Receipt, receivedAt: Date, asBool: (b: boolean | undefined) => unknown): unknown[] {
  return [
    r.id,
    r.updatedAt,
    r.givenAt,
    r.revision,
    r.language,
    r.method,
    asBool(true),
    asBool(r.categories.functional),
    asBool(r.categories.analytics),
    asBool(r.categories.marketing),
    r.page,
    r.policyUrl ?? null,
    r.source ?? null,
    r.event ?? null,
    r.noticeDigest ?? null,
    receivedAt.toISOString(),
  ];
}

/** Raw per-day aggregate as both stores compute it. */
export interface DayAggregate {
  day: string;
  choices: number | string;
  accept_all: number | string | null;
  reject_all: number | string | null;
  custom: number | string | null;
  functional_offered: number | string | null;
  functional_granted: number | string | null;
  analytics_offered: number | string | null;
  analytics_granted: number | string | null;
  marketing_offered: number | string | null;
  marketing_granted: number | string | null;
}

export function aggregateToStats(a: DayAggregate): DayStats {
  const n = (v: number | string | null): number => (v === null ? 0 : Number(v));
  const share = (granted: number | string | null, offered: number | string | null): number | null =>
    n(offered) === 0 ? null : n(granted) / n(offered);
  return {
    day: a.day,
    choices: n(a.choices),
    methods: { 'accept-all': n(a.accept_all), 'reject-all': n(a.reject_all), custom: n(a.custom) },
    granted: {
      functional: share(a.functional_granted, a.functional_offered),
      analytics: share(a.analytics_granted, a.analytics_offered),
      marketing: share(a.marketing_granted, a.marketing_offered),
    },
  };
}
