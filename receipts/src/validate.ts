// Pure validation of the receipt body POST /receipts accepts: JSON text → a Receipt, or the
// first problem found, naming the field. No I/O, no clock of its own (the caller passes "now").

export const METHODS = ['accept-all', 'reject-all', 'custom'] as const;
export const SOURCES = ['banner', 'preferences', 'placeholder', 'api'] as const;
export const EVENTS = ['first', 'change', 'withdrawal', 'reset'] as const;
export const OPTIONAL_CATEGORIES = ['functional', 'analytics', 'marketing'] as const;

export type Method = (typeof METHODS)[number];
export type Source = (typeof SOURCES)[number];
export type ReceiptEvent = (typeof EVENTS)[number];
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

export interface Categories {
  necessary: true;
  functional?: boolean;
  analytics?: boolean;
  marketing?: boolean;
}

/** A receipt as the widget sends it (the wire format). Optional fields are absent, never null. */
export interface Receipt {
  id: string;
  revision: string;
  language: string;
  givenAt: string;
  updatedAt: string;
  method: Method;
  categories: Categories;
  page: string;
  policyUrl?: string;
  source?: Source;
  event?: ReceiptEvent;
  noticeDigest?: string;
}

export interface ValidationError {
  error: string;
  field: string;
}

export type ValidationResult = { ok: true; receipt: Receipt } | ({ ok: false } & ValidationError);

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NOTICE_DIGEST = /^sha256-[A-Za-z0-9_-]{43}$/;
// C0, DEL and C1 control characters.

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A UTF-16 surrogate without its other half cannot be stored as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const WHITESPACE = /\s/;

/** Earliest accepted givenAt. */
export const EARLIEST_GIVEN_AT = Date.UTC(2020, 0, 1);
/** How far updatedAt may lie ahead of the server's clock (clock skew on visitors' devices). */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
export const MAX_URL_LENGTH = 2048;
export const MAX_REVISION_LENGTH = 200;

const FIELDS = [
  'id',
  'revision',
  'language',
  'givenAt',
  'updatedAt',
  'method',
  'categories',
  'page',
  'policyUrl',
  'source',
  'event',
  'noticeDigest',
] as const;
const CATEGORY_KEYS = ['necessary', ...OPTIONAL_CATEGORIES] as const;

class Invalid extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (field: string, message: string): never => {
  throw new Invalid(field, `${field} ${message}`);
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (typeof value !== 'string') fail(field, `must be a string`);
  const s = value as string;
  if (s.length === 0) fail(field, 'must not be empty');
  if (s.length > max) fail(field, `must be at most ${max} characters`);
  if (CONTROL.test(s)) fail(field, 'must not contain control characters');
  if (LONE_SURROGATE.test(s)) fail(field, 'must be well-formed Unicode');
  return s;
}

function oneOf<T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const value = body[field];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  }
  return value as T;
}

function timestamp(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  const expected = 'must be an ISO 8601 UTC timestamp like "2026-01-31T12:00:00.000Z"';
  if (typeof value !== 'string' || !ISO_UTC.test(value)) fail(field, expected);
  const ms = Date.parse(value as string);
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== value) fail(field, expected);
  return ms;
}

function pageUrl(value: string, field: string): void {
  if (WHITESPACE.test(value)) fail(field, 'must not contain whitespace');
  if (!/^https?:\/\//.test(value)) fail(field, 'must be an absolute http(s) URL');
  if (value.includes('?') || value.includes('#')) fail(field, 'must not have a query or fragment');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(field, 'must be an absolute http(s) URL');
  }
  if (url.username || url.password) fail(field, 'must not contain credentials');
}

// The widget takes any http(s) or relative policy-url ("/privacy", "privacy.html"), and the
// receipt carries it as the page wrote it: refuse only another scheme (javascript:, data:…).
function policyUrl(value: string, field: string): void {
  const message = 'must be an http(s) URL or a relative one such as "/privacy"';
  if (WHITESPACE.test(value)) fail(field, 'must not contain whitespace');
  // Characters a URL never carries unencoded (RFC 3986): markup pasted where a link should be.
  if (/[<>"{}|\\^`]/.test(value)) fail(field, message);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') fail(field, message);
  try {
    new URL(value, 'https://example.invalid/');
  } catch {
    fail(field, message);
  }
}

function categories(value: unknown): Categories {
  const field = 'categories';
  if (!isPlainObject(value)) return fail(field, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!(CATEGORY_KEYS as readonly string[]).includes(key)) {
      fail(`${field}.${key}`, 'is not a known category (expected necessary, functional, analytics, marketing)');
    }
  }
  if (value.necessary !== true) fail(`${field}.necessary`, 'must be true');
  const result: Categories = { necessary: true };
  for (const category of OPTIONAL_CATEGORIES) {
    if (!Object.hasOwn(value, category)) continue;
    const state = value[category];
    if (typeof state !== 'boolean') fail(`${field}.${category}`, 'must be true or false when present');
    result[category] = state as boolean;
  }
  return result;
}

/** Checks a parsed body. `now` is the server's clock, for the "not in the future" rule. */
export function validateReceipt(body: unknown, now: Date = new Date()): ValidationResult {
  try {
    return { ok: true, receipt: check(body, now) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.message, field: error.field };
    throw error;
  }
}

function check(body: unknown, now: Date): Receipt {
  if (!isPlainObject(body)) return fail('body', 'must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new Invalid(key, `unknown field "${key}"`);
  }
  const required = ['id', 'revision', 'language', 'givenAt', 'updatedAt', 'method', 'categories', 'page'];
  for (const key of required) {
    if (!Object.hasOwn(body, key)) fail(key, 'is required');
  }
  const id = body.id;
  if (typeof id !== 'string' || !UUID_V4.test(id)) fail('id', 'must be a lowercase UUID v4');
  const revision = text(body, 'revision', MAX_REVISION_LENGTH);
  const language = body.language;
  if (typeof language !== 'string' || !LANGUAGE.test(language)) {
    fail('language', 'must be a 2- or 3-letter lowercase language code');
  }
  const givenAt = timestamp(body, 'givenAt');
  const updatedAt = timestamp(body, 'updatedAt');
  if (givenAt < EARLIEST_GIVEN_AT) fail('givenAt', 'must not be before 2020-01-01T00:00:00.000Z');
  if (givenAt > updatedAt) fail('givenAt', 'must not be later than updatedAt');
  if (updatedAt > now.getTime() + MAX_FUTURE_MS) fail('updatedAt', 'must not be more than 24 hours in the future');
  const method = oneOf(body, 'method', METHODS);
  const cats = categories(body.categories);
  const page = text(body, 'page', MAX_URL_LENGTH);
  pageUrl(page, 'page');

  const receipt: Receipt = {
    id: id as string,
    revision,
    language: language as string,
    givenAt: body.givenAt as string,
    updatedAt: body.updatedAt as string,
    method,
    categories: cats,
    page,
  };
  if (Object.hasOwn(body, 'policyUrl')) {
    const url = text(body, 'policyUrl', MAX_URL_LENGTH);
    policyUrl(url, 'policyUrl');
    receipt.policyUrl = url;
  }
  if (Object.hasOwn(body, 'source')) receipt.source = oneOf(body, 'source', SOURCES);
  if (Object.hasOwn(body, 'event')) receipt.event = oneOf(body, 'event', EVENTS);
  if (Object.hasOwn(body, 'noticeDigest')) {
    const digest = body.noticeDigest;
    if (typeof digest !== 'string' || !NOTICE_DIGEST.test(digest)) {
      fail('noticeDigest', 'must be "sha256-" followed by 43 base64url characters');
    }
    receipt.noticeDigest = digest as string;
  }
  return receipt;
}

/**
 * Parses and checks a body's bytes: UTF-8 (a leading BOM is ignored), JSON, then the fields.
 */
export function parseReceipt(bytes: Uint8Array, now: Date = new Date()): ValidationResult {
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, error: 'body must be UTF-8 text', field: 'body' };
  }
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return { ok: false, error: 'body must be valid JSON', field: 'body' };
  }
  return validateReceipt(body, now);
}
