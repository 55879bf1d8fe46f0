// Hostile bodies against POST /receipts: at least 1000 bodies, generated from a seed, sent to a
// collector started in-process on a temporary SQLite file. Every answer must be 400, 413 or 415
// (never 5xx, never 204), a 400 must name the field at fault, nothing may be stored, and the
// collector must keep serving afterwards. Replay a run with YINYOM_FUZZ_SEED=<seed>.
//
// Bodies that the generators produce but that are VALID under the spec (e.g. a revision of
// "'; DROP TABLE receipts; --", or a page "https://example.com/<script>…") are not part of the
// storm: after the storm they are sent as valid receipts and must be stored verbatim (204).
//
// The in-process server is started with the per-client rate limit turned off (rateLimit: false)
// so that the storm is not answered 429 (see startServer below).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SEED = process.env.YINYOM_FUZZ_SEED !== undefined ? Number(process.env.YINYOM_FUZZ_SEED) : randomInt(2 ** 31);
if (!Number.isSafeInteger(SEED))
  throw new Error(`YINYOM_FUZZ_SEED must be an integer, got "${process.env.YINYOM_FUZZ_SEED}"`);
console.log(`hostile.test.mjs: seed ${SEED} (replay with YINYOM_FUZZ_SEED=${SEED})`);

const ADMIN_TOKEN = 'hostile-test-admin-token-0123456789abcdef';
const MAX_BODY = 4096;
const CONCURRENCY = 16;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (sfc32 seeded from the 32-bit seed).

function makeRng(seed) {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    bool: (p = 0.5) => next() < p,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  };
  return rng;
}

const hex = (buf) => buf.toString('hex');
function uuidV4(rng) {
  const b = rng.bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const digest = (rng) => 'sha256-' + Array.from({ length: 43 }, () => rng.pick(B64URL)).join('');

// ---------------------------------------------------------------------------------------------
// An independent reading of the spec (receipts-spec.md, "Receipt body accepted by POST
// /receipts"), used only to sort generated bodies into "must be refused" and "must be stored".

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
];
const REQUIRED = ['id', 'revision', 'language', 'givenAt', 'updatedAt', 'method', 'categories', 'page'];
const OPTIONAL_CATS = ['functional', 'analytics', 'marketing'];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v) => typeof v === 'string';
const isoOk = (v) => isStr(v) && !Number.isNaN(Date.parse(v)) && new Date(Date.parse(v)).toISOString() === v;
const urlParses = (v, base) => {
  try {
    new URL(v, base);
    return true;
  } catch {
    return false;
  }
};
const textOk = (v, max) =>
  isStr(v) && v.length >= 1 && v.length <= max && !CONTROL_RE.test(v) && !LONE_SURROGATE_RE.test(v);

const FIELD_OK = {
  id: (v) => isStr(v) && UUID_RE.test(v),
  revision: (v) => textOk(v, 200),
  language: (v) => isStr(v) && /^[a-z]{2,3}$/.test(v),
  givenAt: (v) => isoOk(v),
  updatedAt: (v) => isoOk(v),
  method: (v) => ['accept-all', 'reject-all', 'custom'].includes(v),
  categories: (v) =>
    isObj(v) &&
    Object.keys(v).every((k) => k === 'necessary' || OPTIONAL_CATS.includes(k)) &&
    v.necessary === true &&
    OPTIONAL_CATS.every((c) => !own(v, c) || typeof v[c] === 'boolean'),
  page: (v) =>
    textOk(v, 2048) && !/\s/.test(v) && /^https?:\/\//.test(v) && !v.includes('?') && !v.includes('#') && urlParses(v),
  // http(s) or relative, as the widget's policy-url: any other scheme is refused.
  policyUrl: (v) =>
    textOk(v, 2048) &&
    !/\s/.test(v) &&
    !/[<>"{}|\\^`]/.test(v) &&
    (!/^[a-z][a-z0-9+.-]*:/i.test(v) || /^https?:/i.test(v)) &&
    urlParses(v, 'https://example.invalid/'),
  source: (v) => ['banner', 'preferences', 'placeholder', 'api'].includes(v),
  event: (v) => ['first', 'change', 'withdrawal', 'reset'].includes(v),
  noticeDigest: (v) => isStr(v) && /^sha256-[A-Za-z0-9_-]{43}$/.test(v),
};

/** true when the spec says the parsed body must be accepted (given the server's clock `now`). */
function specValid(body, now) {
  if (!isObj(body)) return false;
  if (!Object.keys(body).every((k) => FIELDS.includes(k))) return false;
  if (!REQUIRED.every((k) => own(body, k))) return false;
  if (!Object.keys(body).every((k) => FIELD_OK[k](body[k]))) return false;
  const g = Date.parse(body.givenAt);
  const u = Date.parse(body.updatedAt);
  return g >= Date.UTC(2020, 0, 1) && g <= u && u <= now + 24 * 3600 * 1000;
}

/** Bytes → parsed body per the spec (strict UTF-8, JSON), or undefined when not even that. */
function parseBytes(bytes) {
  try {
    return { body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Valid receipts and the hostile material.

function validReceipt(rng, now = Date.now()) {
  const updated = now - rng.int(0, 30 * 24 * 3600 * 1000);
  const given = updated - rng.int(0, 5 * 24 * 3600 * 1000);
  const method = rng.pick(['accept-all', 'reject-all', 'custom']);
  const categories = { necessary: true };
  for (const c of OPTIONAL_CATS) {
    if (rng.bool(0.8)) categories[c] = method === 'accept-all' ? true : method === 'reject-all' ? false : rng.bool();
  }
  const r = {
    id: uuidV4(rng),
    revision: rng.pick(['1', '2', '2026-01', 'v3.1', 'นโยบาย 2']),
    language: rng.pick(['th', 'en', 'fil']),
    givenAt: new Date(given).toISOString(),
    updatedAt: new Date(updated).toISOString(),
    method,
    categories,
    page: rng.pick(['https://www.example.go.th/', 'https://shop.example.co.th/th/cart', 'http://localhost:8080/a/b']),
  };
  if (rng.bool(0.7)) r.policyUrl = rng.pick(['/privacy', 'https://www.example.go.th/privacy', '/th/นโยบาย']);
  if (rng.bool(0.8)) r.source = rng.pick(['banner', 'preferences', 'placeholder', 'api']);
  if (rng.bool(0.8)) r.event = rng.pick(['first', 'change', 'withdrawal', 'reset']);
  if (rng.bool(0.6)) r.noticeDigest = digest(rng);
  return r;
}

const SQL = [
  `'; DROP TABLE receipts; --`,
  `1 OR 1=1`,
  `' OR '1'='1`,
  `1; DELETE FROM receipts`,
  `") ON CONFLICT DO NOTHING; --`,
  `\u0000`,
  `a\u0000b`,
];
const HTML = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  'javascript' + ':alert(1)',
  `<svg/onload=alert(1)>`,
  `{{7*7}}\${7*7}`,
];
const MISC = [
  `../../../../etc/passwd`,
  `%00`,
  `\r\nSet-Cookie: x=1`,
  `\u202e`,
  `\ud800`,
  `\udfff`,
  `\u0085`,
  `\u007f`,
  `=cmd|' /C calc'!A0`,
];
const INJECTIONS = [...SQL, ...HTML, ...MISC];

function injectedValues(field, rng, valid) {
  const out = [];
  for (const p of INJECTIONS) {
    out.push(p);
    if (isStr(valid)) out.push(valid + p, p + valid);
  }
  if (field === 'page' || field === 'policyUrl') {
    out.push(
      `https://example.com/${encodeURIComponent(rng.pick(HTML))}`,
      `https://example.com/<script>alert(1)</script>`,
      `/"><img src=x onerror=alert(1)>`,
    );
  }
  return out;
}

const WRONG_TYPES = () => [
  null,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  -0,
  1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x',
  'true',
  [],
  {},
  [1],
  { a: 1 },
];

/** Numbers that JSON.stringify cannot write (it would make null of them), as raw JSON text. */
const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  '0e0',
  '1e-400',
  '123456789012345678901234567890',
  '-0.0',
  '1E+2',
  '0.1e1',
];
const BAD_NUMBER_TOKENS = ['NaN', 'Infinity', '-Infinity', '01', '+1', '.5', '1.', '0x10', '1e', '- 1'];
const NUMBER_STRINGS = ['NaN', 'Infinity', '-0', '1e309', '-1', '0'];

const DATE_MUTATIONS = (valid) => {
  const ms = Date.parse(valid);
  return [
    valid.replace('.', ',').slice(0, -1) + 'Z',
    valid.replace(/\.\d{3}Z$/, 'Z'),
    valid.replace('Z', '+00:00'),
    valid.replace('Z', '+07:00'),
    valid.toLowerCase(),
    valid.replace('T', ' '),
    ' ' + valid,
    valid + ' ',
    String(ms),
    ms,
    '2024-02-30T00:00:00.000Z',
    '2024-13-01T00:00:00.000Z',
    '2024-01-01T24:00:00.000Z',
    '2019-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    new Date(Date.now() + 25 * 3600 * 1000).toISOString(),
    new Date(8.64e15).toISOString(),
    'Invalid Date',
    'today',
  ];
};

const INVALID_UTF8 = [
  [0xff],
  [0xfe],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xbf],
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
];

const WRONG_CONTENT_TYPES = [
  null,
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/html',
  'text/html; charset=utf-8',
  'application/xml',
  'text/xml',
  'application/javascript',
  'text/javascript',
  'application/jsonx',
  'application/json-patch+json',
  'text/plainx',
  'text/csv',
  'image/png',
  'application/octet-stream',
  '*/*',
  'json',
  'application',
  'text',
];

// ---------------------------------------------------------------------------------------------
// Case generation. A case: { kind, bytes, contentType, expectStatus, expectField (array of
// acceptable "field" values, or null when any non-empty field will do), chunked }.

function generate(seed) {
  const rng = makeRng(seed);
  const now = Date.now();
  const cases = [];
  const legal = []; // hostile-looking but valid receipts, stored after the storm

  const pushObj = (kind, value, expectField, extra = {}) => {
    const text = JSON.stringify(value);
    const bytes = Buffer.from(text, 'utf8');
    const obj = JSON.parse(text); // as the server sees it (undefined members gone)
    if (specValid(obj, now)) {
      // Stored after the storm, under a fresh id so that no two of them collide.
      if (bytes.length <= MAX_BODY) legal.push({ kind, receipt: { ...obj, id: uuidV4(rng) } });
      return;
    }
    cases.push({
      kind,
      bytes,
      contentType: extra.contentType ?? 'text/plain;charset=UTF-8',
      expectStatus: bytes.length > MAX_BODY ? 413 : 400,
      expectField: bytes.length > MAX_BODY ? null : expectField,
    });
  };
  const pushRaw = (kind, text, expectField, opts = {}) => {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
    const parsed = bytes.length <= MAX_BODY ? parseBytes(bytes) : undefined;
    if (parsed && !opts.allowValid && specValid(parsed.body, now))
      throw new Error(`generator bug: raw case of kind ${kind} is valid: ${text}`);
    // Damage can leave a key "" (e.g. {"":"th"}): then "" is the right field to name.
    if (expectField === null && parsed && isObj(parsed.body) && own(parsed.body, ''))
      expectField = ['', ...Object.keys(parsed.body)];
    cases.push({
      kind,
      bytes,
      contentType: opts.contentType === undefined ? 'application/json' : opts.contentType,
      expectStatus: opts.expectStatus ?? (bytes.length > MAX_BODY ? 413 : 400),
      expectField: bytes.length > MAX_BODY ? null : expectField,
      chunked: opts.chunked ?? false,
    });
  };
  /** A valid receipt's JSON with one field's value replaced by raw JSON text. */
  const withRaw = (r, field, rawValue) => {
    const marker = `"@@RAW${field}@@"`;
    return JSON.stringify({ ...r, [field]: '@@RAW' + field + '@@' }).replace(marker, rawValue);
  };
  const expectFor = (path) => [path];

  // 1. Random JSON values of every type, at the top level.
  const randString = () => {
    const alphabet = [
      'a',
      'Z',
      '0',
      ' ',
      '"',
      '\\',
      '/',
      '\u0000',
      '\u001f',
      'é',
      'ก',
      '😀',
      '\ud800',
      '<',
      "'",
      '{',
      ':',
    ];
    return Array.from({ length: rng.int(0, 12) }, () => rng.pick(alphabet)).join('');
  };
  const randKey = () =>
    rng.bool(0.3) ? rng.pick([...FIELDS, '__proto__', 'constructor', 'necessary', 'analytics']) : randString();
  const randValue = (depth) => {
    const t = rng.int(0, depth > 3 ? 4 : 6);
    switch (t) {
      case 0:
        return null;
      case 1:
        return rng.bool();
      case 2:
        return rng.pick([0, -1, 1.5, 1e21, -1e-7, 2 ** 31, Number.MAX_SAFE_INTEGER, rng.int(-1000, 1000)]);
      case 3:
      case 4:
        return randString();
      case 5:
        return Array.from({ length: rng.int(0, 4) }, () => randValue(depth + 1));
      default: {
        const o = {};
        for (let i = rng.int(0, 5); i > 0; i--)
          Object.defineProperty(o, randKey(), {
            value: randValue(depth + 1),
            enumerable: true,
            configurable: true,
            writable: true,
          });
        return o;
      }
    }
  };
  for (let i = 0; i < 160; i++) {
    const v =
      i < 20
        ? [
            null,
            true,
            false,
            0,
            -0,
            1,
            '',
            'x',
            [],
            {},
            [null],
            [{}],
            '{}',
            'null',
            1e308,
            -1e-308,
            [[[]]],
            { '': '' },
            { id: null },
            'receipt',
          ][i]
        : randValue(0);
    let expect;
    if (!isObj(v)) expect = ['body'];
    else {
      const unknown = Object.keys(v).find((k) => !FIELDS.includes(k));
      expect = unknown !== undefined ? [unknown] : !own(v, 'id') ? ['id'] : null;
    }
    pushObj('random-json', v, expect);
  }

  // 2. Deep nesting: 10 000 levels (over the size limit: 413) and as deep as fits (400).
  for (const [open, close] of [
    ['[', ']'],
    ['{"a":', '}'],
  ]) {
    for (const closed of [false, true]) {
      const body = open.repeat(10_000) + (closed ? '1' + close.repeat(10_000) : '');
      pushRaw('deep-nesting', body, null);
      pushRaw('deep-nesting', body, null, { chunked: true });
    }
    const fit = Math.floor((MAX_BODY - 1) / (open.length + close.length));
    for (const depth of [fit, fit - 1, rng.int(100, fit), rng.int(10, 100)]) {
      pushRaw('deep-nesting', open.repeat(depth) + '1' + close.repeat(depth), open === '[' ? ['body'] : ['a']);
      pushRaw('deep-nesting', open.repeat(depth), ['body']);
    }
  }
  {
    const r = validReceipt(rng, now);
    for (const field of ['categories', 'id', 'page', 'noticeDigest']) {
      const room = MAX_BODY - JSON.stringify(r).length - 80;
      const depth = Math.floor(room / 2);
      pushRaw(
        'deep-nesting',
        withRaw(r, field, '['.repeat(depth) + ']'.repeat(depth)),
        field === 'categories' ? ['categories'] : [field],
      );
      pushRaw('deep-nesting', withRaw(r, field, '['.repeat(10_000) + ']'.repeat(10_000)), null);
      const d2 = Math.floor(room / 6);
      pushRaw(
        'deep-nesting',
        withRaw(r, field, '{"a":'.repeat(d2) + 'true' + '}'.repeat(d2)),
        field === 'categories' ? ['categories.a'] : [field],
      );
    }
  }

  // 3. Wrong types for every field (and every category), 4. numbers, 5. injections.
  const paths = [...FIELDS, 'categories.necessary', ...OPTIONAL_CATS.map((c) => 'categories.' + c)];
  const setPath = (r, path, value) => {
    const out = { ...r, categories: { ...r.categories } };
    const [a, b] = path.split('.');
    if (b === undefined) out[a] = value;
    else out.categories[b] = value;
    return out;
  };
  const getPath = (r, path) => {
    const [a, b] = path.split('.');
    return b === undefined ? r[a] : r.categories[b];
  };
  for (const path of paths) {
    const r = validReceipt(rng, now);
    if (path === 'categories.necessary') r.method = 'custom';
    for (const v of WRONG_TYPES()) pushObj('wrong-type', setPath(r, path, v), expectFor(path));
    for (const v of NUMBER_STRINGS) pushObj('numbers', setPath(r, path, v), expectFor(path));
    for (const raw of [...RAW_NUMBERS]) {
      const text = JSON.stringify(setPath(r, path, '@@NUM@@')).replace('"@@NUM@@"', raw);
      pushRaw('numbers', text, expectFor(path));
    }
    for (const raw of BAD_NUMBER_TOKENS) {
      const text = JSON.stringify(setPath(r, path, '@@NUM@@')).replace('"@@NUM@@"', raw);
      pushRaw('numbers', text, ['body']);
    }
  }
  for (const field of FIELDS.filter((f) => f !== 'categories')) {
    const r = validReceipt(rng, now);
    for (const v of injectedValues(field, rng, getPath(r, field) ?? validReceipt(rng, now)[field] ?? 'x')) {
      pushObj('injection', setPath(r, field, v), [field]);
    }
  }
  // Injections as category names and as category values.
  for (const p of INJECTIONS.slice(0, 12)) {
    const r = validReceipt(rng, now);
    pushObj('injection', { ...r, categories: { ...r.categories, [p]: true } }, ['categories.' + p, 'categories']);
    pushObj('injection', { ...r, categories: { ...r.categories, analytics: p } }, ['categories.analytics']);
    pushObj('injection', { ...r, [p]: 'x' }, [p]);
  }

  // 6. __proto__, constructor, prototype: at the top level and inside categories (raw text,
  // since an object literal would not keep a "__proto__" key).
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    for (const payload of [
      '{"polluted":"yes"}',
      '{"prototype":{"polluted":"yes"}}',
      '{"necessary":true}',
      'null',
      '"x"',
      '[]',
      '{"__proto__":{"polluted":"yes"}}',
    ]) {
      const r = validReceipt(rng, now);
      const text = JSON.stringify(r);
      pushRaw('prototype-keys', text.slice(0, -1) + `,"${key}":${payload}}`, [key]);
      pushRaw('prototype-keys', `{"${key}":${payload},` + text.slice(1), [key]);
      const cats = JSON.stringify(r.categories);
      pushRaw('prototype-keys', text.replace(cats, cats.slice(0, -1) + `,"${key}":${payload}}`), [
        'categories.' + key,
        'categories',
      ]);
      pushRaw('prototype-keys', text.replace(cats, `{"${key}":${payload}}`), ['categories.' + key, 'categories']);
    }
    const r = validReceipt(rng, now);
    pushRaw('prototype-keys', `{"${key}":${JSON.stringify(r)}}`, [key]);
  }

  // 7. Overlong ids and strings, just over the limits (just under: legal, stored after the storm).
  {
    const r = validReceipt(rng, now);
    const padUrl = (base, len) => base + 'a'.repeat(len - base.length);
    const over = [
      ['id', r.id + '0'],
      ['id', r.id + r.id],
      ['id', r.id.repeat(100)],
      ['id', r.id.slice(0, -1)],
      ['id', r.id.toUpperCase()],
      ['id', r.id.replace(/^(.{14})4/, '$11')],
      ['id', r.id.replace(/^(.{19})./, '$1c')],
      ['id', '{' + r.id + '}'],
      ['id', r.id.replaceAll('-', '')],
      ['revision', 'r'.repeat(201)],
      ['revision', 'ก'.repeat(201)],
      ['revision', 'r'.repeat(3000)],
      ['revision', 'r'.repeat(5000)],
      ['language', 'thai'],
      ['language', 'e'],
      ['language', 'th-TH'],
      ['language', 'TH'],
      ['page', padUrl('https://example.com/', 2049)],
      ['page', padUrl('https://example.com/', 3000)],
      ['page', padUrl('https://example.com/', 5000)],
      ['policyUrl', padUrl('/privacy/', 2049)],
      ['policyUrl', padUrl('https://example.com/', 2049)],
      ['noticeDigest', r.noticeDigest ? r.noticeDigest + 'A' : digest(rng) + 'A'],
      ['noticeDigest', digest(rng).slice(0, -1)],
      ['noticeDigest', 'sha256-' + 'A'.repeat(42) + '='],
      ['noticeDigest', 'sha512-' + 'A'.repeat(43)],
      ['noticeDigest', 'SHA256-' + 'A'.repeat(43)],
      ['source', 'banner'.repeat(100)],
      ['event', 'first'.repeat(1000)],
      ['method', 'custom'.repeat(100)],
    ];
    for (const [field, v] of over) pushObj('overlong', setPath(r, field, v), [field]);
    // Just under the limits: legal.
    for (const [field, v] of [
      ['revision', 'r'.repeat(200)],
      ['revision', 'ก'.repeat(200)],
      ['revision', '😀'.repeat(100)],
      ['page', padUrl('https://example.com/', 2048)],
      ['policyUrl', padUrl('/privacy/', 2048)],
      ['language', 'fil'],
    ]) {
      const rr = validReceipt(rng, now);
      delete rr.policyUrl;
      pushObj('overlong', setPath(rr, field, v), [field]);
    }
  }

  // 8. Invalid UTF-8 inside each string field, and at the start of the body.
  for (const field of [
    'id',
    'revision',
    'language',
    'givenAt',
    'method',
    'page',
    'policyUrl',
    'source',
    'event',
    'noticeDigest',
  ]) {
    for (const seq of INVALID_UTF8) {
      const r = validReceipt(rng, now);
      const value = isStr(r[field]) ? r[field] : 'x';
      const cut = rng.int(0, value.length);
      const [pre, post] = JSON.stringify({ ...r, [field]: '@@CUT@@' }).split('@@CUT@@');
      const bytes = Buffer.concat([
        Buffer.from(pre + value.slice(0, cut)),
        Buffer.from(seq),
        Buffer.from(value.slice(cut) + post),
      ]);
      // A lenient decoder would turn the bytes into U+FFFD: then the field is at fault.
      pushRaw('invalid-utf8', bytes, ['body', field]);
    }
  }
  for (const seq of INVALID_UTF8.slice(0, 6)) {
    pushRaw('invalid-utf8', Buffer.concat([Buffer.from(seq), Buffer.from(JSON.stringify(validReceipt(rng, now)))]), [
      'body',
    ]);
    pushRaw('invalid-utf8', Buffer.concat([Buffer.from(JSON.stringify(validReceipt(rng, now))), Buffer.from(seq)]), [
      'body',
    ]);
  }
  // UTF-16 and UTF-32 encodings of a valid receipt, with and without a BOM.
  {
    const text = JSON.stringify(validReceipt(rng, now));
    const utf16le = Buffer.from(text, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    pushRaw('invalid-utf8', utf16le, ['body']);
    pushRaw('invalid-utf8', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), ['body']);
    pushRaw('invalid-utf8', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), ['body']);
  }

  // 9. Dates.
  for (const field of ['givenAt', 'updatedAt']) {
    const r = validReceipt(rng, now);
    for (const v of DATE_MUTATIONS(r[field])) pushObj('dates', setPath(r, field, v), ['givenAt', 'updatedAt']);
  }
  {
    const r = validReceipt(rng, now);
    const u = Date.parse(r.updatedAt);
    pushObj('dates', { ...r, givenAt: new Date(u + 1).toISOString() }, ['givenAt', 'updatedAt']);
    pushObj('dates', { ...r, givenAt: '2019-12-31T23:59:59.999Z', updatedAt: '2019-12-31T23:59:59.999Z' }, [
      'givenAt',
      'updatedAt',
    ]);
    pushObj('dates', { ...r, updatedAt: new Date(now + 24 * 3600 * 1000 + 60_000).toISOString() }, [
      'givenAt',
      'updatedAt',
    ]);
  }

  // 10. Duplicate keys: the last value is the invalid one (JSON.parse keeps the last), or both are.
  for (const field of FIELDS) {
    const r = validReceipt(rng, now);
    const text = JSON.stringify(r);
    const bad =
      field === 'categories' ? '{"necessary":false}' : field === 'revision' ? '""' : '"<script>alert(1)</script>"';
    pushRaw('duplicate-keys', text.slice(0, -1) + `,"${field}":${bad}}`, [
      field,
      field === 'categories' ? 'categories.necessary' : field,
    ]);
    pushRaw('duplicate-keys', text.slice(0, -1) + `,"${field}":${bad},"${field}":${bad}}`, [
      field,
      field === 'categories' ? 'categories.necessary' : field,
    ]);
  }
  for (const [dup, expect] of [
    ['"necessary":true,"necessary":false', 'categories.necessary'],
    ['"necessary":true,"analytics":true,"analytics":"yes"', 'categories.analytics'],
    ['"necessary":true,"marketing":false,"marketing":1', 'categories.marketing'],
    ['"necessary":true,"__proto__":{},"__proto__":{"polluted":1}', 'categories.__proto__'],
  ]) {
    const r = validReceipt(rng, now);
    pushRaw('duplicate-keys', JSON.stringify(r).replace(JSON.stringify(r.categories), `{${dup}}`), [
      expect,
      'categories',
    ]);
  }

  // 11. Too large: a valid receipt padded with JSON whitespace past 4096 bytes, and bigger.
  for (const size of [
    MAX_BODY + 1,
    MAX_BODY + 2,
    MAX_BODY + 100,
    8192,
    65_536,
    1_000_000,
    ...Array.from({ length: 20 }, () => rng.int(MAX_BODY + 1, 20_000)),
  ]) {
    const text = JSON.stringify(validReceipt(rng, now));
    const padded = text.slice(0, -1) + ' '.repeat(size - Buffer.byteLength(text)) + '}';
    assert.equal(Buffer.byteLength(padded), size);
    pushRaw('too-large', padded, null, {
      expectStatus: 413,
      contentType: rng.pick(['application/json', 'text/plain;charset=UTF-8']),
    });
    if (size < 70_000 && rng.bool(0.5)) pushRaw('too-large', padded, null, { expectStatus: 413, chunked: true });
  }
  // A valid receipt exactly 4096 bytes long is legal.
  {
    const r = validReceipt(rng, now);
    const text = JSON.stringify(r);
    const padded = text.slice(0, -1) + ' '.repeat(MAX_BODY - Buffer.byteLength(text)) + '}';
    assert.equal(Buffer.byteLength(padded), MAX_BODY);
    legal.push({ kind: 'exactly-4096-bytes', receipt: r, text: padded });
  }

  // 12. Wrong content types, with a valid body: 415 and nothing stored.
  for (const ct of WRONG_CONTENT_TYPES) {
    for (let i = 0; i < 2; i++)
      pushRaw('content-type', JSON.stringify(validReceipt(rng, now)), null, {
        contentType: ct,
        expectStatus: 415,
        allowValid: true,
      });
  }

  // 13. A valid receipt with one field mutated (deleted, retyped, replaced, or an extra field).
  let mutated = 0;
  while (mutated < 300) {
    const r = validReceipt(rng, now);
    const path = rng.pick([...paths, 'extra']);
    const op = rng.int(0, 5);
    let obj;
    let expect = [path];
    if (path === 'extra') {
      const key = rng.pick([
        'ip',
        'userAgent',
        'cookie',
        'Id',
        'ID',
        'id ',
        ' id',
        'categories.analytics',
        'extra',
        '',
        '0',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'given_at',
      ]);
      obj = { ...r };
      Object.defineProperty(obj, key, { value: randValue(1), enumerable: true, configurable: true, writable: true });
      expect = [key];
    } else if (op === 0) {
      obj = setPath(r, path, undefined); // JSON.stringify drops it: a deleted field
      if (path === 'categories') expect = ['categories'];
    } else if (op === 1) obj = setPath(r, path, randValue(2));
    else if (op === 2) obj = setPath(r, path, rng.pick(INJECTIONS));
    else if (op === 3) {
      const v = getPath(r, path);
      obj = setPath(
        r,
        path,
        isStr(v)
          ? rng.pick([v.toUpperCase(), v + v, v.slice(1), ' ' + v, v + '\n', v.replace(/./, '\u0000')])
          : rng.pick(WRONG_TYPES()),
      );
    } else if (op === 4) obj = setPath(r, path, rng.pick(NUMBER_STRINGS));
    else obj = setPath(r, path, randString());
    if (path === 'categories' && isObj(obj.categories)) {
      const bad = Object.keys(obj.categories).find((k) => k !== 'necessary' && !OPTIONAL_CATS.includes(k));
      expect =
        bad !== undefined
          ? ['categories.' + bad, 'categories']
          : ['categories', 'categories.necessary', ...OPTIONAL_CATS.map((c) => 'categories.' + c)];
    }
    if (path === 'givenAt' || path === 'updatedAt') expect = ['givenAt', 'updatedAt'];
    const before = cases.length;
    pushObj('mutation', obj, expect);
    if (cases.length > before) mutated++;
  }

  // 14. Byte-level damage to a valid receipt's JSON: flips, truncations, insertions.
  let damaged = 0;
  while (damaged < 120) {
    const bytes = Buffer.from(JSON.stringify(validReceipt(rng, now)));
    let out;
    const op = rng.int(0, 3);
    if (op === 0) {
      out = Buffer.from(bytes);
      out[rng.int(0, out.length - 1)] = rng.int(0, 255);
    } else if (op === 1) out = bytes.subarray(0, rng.int(0, bytes.length - 1));
    else if (op === 2) {
      const at = rng.int(0, bytes.length);
      out = Buffer.concat([bytes.subarray(0, at), rng.bytes(rng.int(1, 8)), bytes.subarray(at)]);
    } else {
      const at = rng.int(0, bytes.length - 1);
      out = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + rng.int(1, 10))]);
    }
    const parsed = parseBytes(out);
    if (parsed && specValid(parsed.body, now)) continue;
    pushRaw('byte-damage', out, null);
    damaged++;
  }

  return { cases, legal };
}

// ---------------------------------------------------------------------------------------------
// HTTP.

/**
 * One request; resolves to { status, headers, body (string) } or { error } when the connection
 * failed before an answer came.
 */
function request(url, { method = 'GET', headers = {}, body, chunked = false } = {}) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const h = { ...headers };
    if (body !== undefined && !chunked) h['Content-Length'] = String(body.length);
    const req = http.request({
      hostname: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method,
      headers: h,
      agent: false,
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (error) =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error }),
      );
    });
    req.on('error', (error) => {
      if (!answered) resolve({ error });
    });
    if (body !== undefined) {
      if (chunked) {
        // Several chunks, as a slow client would send them.
        const step = 1024;
        for (let i = 0; i < body.length; i += step) req.write(body.subarray(i, i + step));
      } else req.write(body);
    }
    req.end();
  });
}

async function pool(items, n, fn) {
  let next = 0;
  const out = new Array(items.length);
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// The collector, in-process.

async function startServer(dbPath) {
  const mod = await import('../dist/server.js');
  const server = await mod.createServer({
    port: 0,
    host: '127.0.0.1',
    db: dbPath,
    adminToken: ADMIN_TOKEN,
    // The storm comes from one address: the per-client limit (60 per 10 s) is turned off here
    // (ServerOptions.rateLimit = false), or most bodies would be answered 429 unread.
    rateLimit: false,
    log: () => {},
  });
  return server;
}

function countRows(dbPath) {
  return import('better-sqlite3').then(({ default: Database }) => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .all()
        .map((t) => t.name);
      const receipts = tables.includes('receipts') ? db.prepare('SELECT COUNT(*) AS n FROM receipts').get().n : -1;
      return { tables, receipts };
    } finally {
      db.close();
    }
  });
}

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

async function exportJson(base) {
  const from = day(Date.now() - 40 * 24 * 3600 * 1000);
  const to = day(Date.now() + 2 * 24 * 3600 * 1000);
  const res = await request(`${base}/export?from=${from}&to=${to}&format=json`, { headers: auth });
  assert.equal(res.status, 200, `seed ${SEED}: GET /export answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body);
}

// ---------------------------------------------------------------------------------------------

test(
  `hostile bodies are refused, nothing is stored, the collector keeps serving (seed ${SEED})`,
  { timeout: 300_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'yinyom-hostile-'));
    const dbPath = join(dir, 'r.sqlite');
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
    const server = await startServer(dbPath);
    t.after(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const base = server.url.replace(/\/$/, '');
    const { cases, legal } = generate(SEED);
    assert.ok(cases.length >= 1000, `seed ${SEED}: only ${cases.length} hostile cases were generated`);

    const byKind = {};
    const byStatus = {};
    const failures = [];
    const describe = (c, i) =>
      `seed ${SEED}, case #${i} (${c.kind}, ${c.bytes.length} bytes, content-type ${JSON.stringify(c.contentType)}${c.chunked ? ', chunked' : ''}): ` +
      JSON.stringify(
        c.bytes.length > 300 ? c.bytes.subarray(0, 300).toString('latin1') + '…' : c.bytes.toString('latin1'),
      );

    await pool(cases, CONCURRENCY, async (c, i) => {
      byKind[c.kind] ??= { sent: 0 };
      byKind[c.kind].sent++;
      const headers = {};
      if (c.contentType !== null) headers['Content-Type'] = c.contentType;
      const res = await request(`${base}/receipts`, { method: 'POST', headers, body: c.bytes, chunked: c.chunked });
      const status = res.status ?? `no answer (${res.error?.code ?? res.error})`;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      byKind[c.kind][status] = (byKind[c.kind][status] ?? 0) + 1;
      const problem = (msg) =>
        failures.push(`${msg}\n    ${describe(c, i)}\n    answer: ${res.status} ${res.body ?? ''}`);
      if (res.status === undefined) return problem(`no HTTP answer: ${res.error?.message}`);
      if (![400, 413, 415].includes(res.status)) return problem(`status ${res.status}, expected ${c.expectStatus}`);
      if (res.status !== c.expectStatus) return problem(`status ${res.status}, expected ${c.expectStatus}`);
      let json;
      try {
        json = JSON.parse(res.body);
      } catch {
        return problem('the error is not JSON');
      }
      if (typeof json?.error !== 'string' || json.error.length === 0)
        return problem('the JSON error has no "error" message');
      if (res.status === 400) {
        if (typeof json.field !== 'string') return problem('the 400 does not name a field');
        // (An empty field name is right only when the unknown key is "" itself.)
        if (json.field === '' && !c.expectField?.includes('')) return problem('the 400 names an empty field');
        // "categories" also covers "categories.<key>".
        if (c.expectField && !c.expectField.some((e) => json.field === e || json.field.startsWith(e + '.')))
          return problem(`the 400 names field "${json.field}", expected one of ${JSON.stringify(c.expectField)}`);
      }
      if (!/no-store/.test(res.headers['cache-control'] ?? '')) return problem('no Cache-Control: no-store');
    });

    console.log(`hostile.test.mjs: seed ${SEED}: ${cases.length} hostile bodies; by kind:`);
    for (const [kind, counts] of Object.entries(byKind)) console.log(`  ${kind.padEnd(15)} ${JSON.stringify(counts)}`);
    console.log(`hostile.test.mjs: answers by status: ${JSON.stringify(byStatus)}`);
    if (failures.length)
      console.log(
        `hostile.test.mjs: ${failures.length} failures, first ones:\n  ` + failures.slice(0, 15).join('\n  '),
      );
    assert.equal(
      failures.length,
      0,
      `seed ${SEED}: ${failures.length} of ${cases.length} hostile bodies were mishandled; first: ${failures[0]}`,
    );

    // Nothing stored: the table is there and empty, and the export is empty.
    const rows = await countRows(dbPath);
    assert.ok(rows.tables.includes('receipts'), `seed ${SEED}: the receipts table is gone: ${rows.tables}`);
    assert.equal(rows.receipts, 0, `seed ${SEED}: ${rows.receipts} rows were stored by the storm`);
    assert.deepEqual(await exportJson(base), [], `seed ${SEED}: the export is not empty after the storm`);

    // No prototype pollution in this process (the server runs in it).
    assert.equal({}.polluted, undefined, `seed ${SEED}: Object.prototype.polluted was set`);
    assert.equal(
      Object.getOwnPropertyNames(Object.prototype).sort().join(','),
      protoBefore,
      `seed ${SEED}: Object.prototype gained properties`,
    );
    assert.equal([].polluted, undefined, `seed ${SEED}: Array.prototype.polluted was set`);

    // Hostile-looking but valid receipts: stored verbatim, and the table survives them.
    await pool(legal, 4, async ({ kind, receipt, text }) => {
      const res = await request(`${base}/receipts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from(text ?? JSON.stringify(receipt)),
      });
      assert.equal(
        res.status,
        204,
        `seed ${SEED}: a valid receipt (${kind}) was answered ${res.status} ${res.body}: ${JSON.stringify(receipt).slice(0, 300)}`,
      );
      const got = await request(`${base}/receipts/${receipt.id}`, { headers: auth });
      assert.equal(got.status, 200, `seed ${SEED}: GET /receipts/${receipt.id} answered ${got.status} ${got.body}`);
      const records = JSON.parse(got.body).records;
      assert.equal(records.length, 1, `seed ${SEED}: ${records.length} records for ${receipt.id}`);
      const { receivedAt, ...stored } = records[0];
      assert.ok(typeof receivedAt === 'string');
      assert.deepEqual(stored, receipt, `seed ${SEED}: a valid receipt (${kind}) was not stored verbatim`);
    });
    const legalKinds = {};
    for (const { kind } of legal) legalKinds[kind] = (legalKinds[kind] ?? 0) + 1;
    console.log(
      `hostile.test.mjs: ${legal.length} hostile-looking but valid receipts stored verbatim: ${JSON.stringify(legalKinds)}`,
    );

    // Still serving: a plain valid receipt, and /health.
    const last = validReceipt(makeRng(SEED ^ 0x5a5a5a5a));
    const ok = await request(`${base}/receipts`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: Buffer.from(JSON.stringify(last)),
    });
    assert.equal(ok.status, 204, `seed ${SEED}: a valid receipt after the storm was answered ${ok.status} ${ok.body}`);
    const health = await request(`${base}/health`);
    assert.equal(health.status, 200, `seed ${SEED}: /health answered ${health.status}`);
    assert.deepEqual(
      JSON.parse(health.body),
      { ok: true, database: 'sqlite' },
      `seed ${SEED}: /health body ${health.body}`,
    );
    const after = await countRows(dbPath);
    assert.equal(
      after.receipts,
      legal.length + 1,
      `seed ${SEED}: ${after.receipts} rows stored, expected ${legal.length + 1}`,
    );
    assert.equal({}.polluted, undefined, `seed ${SEED}: Object.prototype.polluted was set`);
  },
);

test(`prototype-pollution bodies do not pollute the server process (seed ${SEED})`, { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'yinyom-proto-'));
  const dbPath = join(dir, 'r.sqlite');
  const server = await startServer(dbPath);
  t.after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const base = server.url.replace(/\/$/, '');
  const rng = makeRng(SEED ^ 0x0badf00d);
  const names = (o) => Object.getOwnPropertyNames(o).sort().join(',');
  const before = [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(names);
  const evil = '{"polluted":"yes","toString":"x","hasOwnProperty":"x","necessary":true,"isAdmin":true}';
  const bodies = [];
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    const inner = key === 'constructor' ? `{"prototype":${evil}}` : evil;
    const r = JSON.stringify(validReceipt(rng));
    const cats = JSON.stringify({ necessary: true });
    bodies.push(r.slice(0, -1) + `,"${key}":${inner}}`);
    bodies.push(`{"${key}":${inner},` + r.slice(1));
    bodies.push(`{"${key}":${r}}`);
    const withCats = JSON.parse(r);
    withCats.categories = { necessary: true };
    bodies.push(JSON.stringify(withCats).replace(cats, `{"necessary":true,"${key}":${inner}}`));
    bodies.push(JSON.stringify(withCats).replace(cats, `{"${key}":${inner}}`));
  }
  bodies.push(
    '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
    '[{"__proto__":{"polluted":"yes"}}]',
    '{"a":{"__proto__":{"polluted":"yes"}}}',
  );
  for (const body of bodies) {
    const res = await request(`${base}/receipts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(body),
    });
    assert.equal(res.status, 400, `seed ${SEED}: ${body} was answered ${res.status} ${res.body}`);
    assert.equal({}.polluted, undefined, `seed ${SEED}: ${body} polluted Object.prototype`);
    assert.equal({}.isAdmin, undefined, `seed ${SEED}: ${body} polluted Object.prototype`);
  }
  assert.deepEqual(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(names),
    before,
    `seed ${SEED}: a prototype gained properties`,
  );
  assert.equal(typeof {}.toString, 'function');
  assert.equal(typeof {}.hasOwnProperty, 'function');
  assert.equal((await countRows(dbPath)).receipts, 0, `seed ${SEED}: a prototype-pollution body was stored`);
  // Still serving.
  const ok = await request(`${base}/receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify(validReceipt(rng))),
  });
  assert.equal(ok.status, 204, `seed ${SEED}: a valid receipt afterwards was answered ${ok.status} ${ok.body}`);
});
