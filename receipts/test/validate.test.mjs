// Unit tests of the body validation (dist/validate.js): each field's good and bad values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseReceipt, validateReceipt } from '../dist/validate.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');
/** A javascript: URL, a hostile value the validation must refuse. */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');

function receipt(overrides = {}) {
  return {
    id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    revision: '2026-01',
    language: 'th',
    givenAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-02T09:30:00.000Z',
    method: 'custom',
    categories: { necessary: true, functional: true, analytics: false },
    page: 'https://www.example.go.th/services/tax',
    ...overrides,
  };
}

const ok = (body) => {
  const result = validateReceipt(body, NOW);
  assert.equal(result.ok, true, `expected valid, got ${JSON.stringify(result)}`);
  return result.receipt;
};
const bad = (body, field) => {
  const result = validateReceipt(body, NOW);
  assert.equal(result.ok, false, `expected an error on ${field} for ${JSON.stringify(body)}`);
  assert.equal(result.field, field);
  assert.match(result.error, new RegExp(field.replace('.', '\\.')), 'the message names the field');
  return result;
};
const without = (field) => {
  const r = receipt();
  delete r[field];
  return r;
};

describe('validateReceipt', () => {
  test('a complete receipt is accepted and returned unchanged', () => {
    const full = receipt({
      policyUrl: '/privacy#cookies',
      source: 'banner',
      event: 'first',
      noticeDigest: 'sha256-' + 'A'.repeat(42) + '_',
    });
    assert.deepEqual(ok(full), full);
  });

  test('the body must be an object', () => {
    for (const body of [null, [], 'x', 1, true]) bad(body, 'body');
  });

  test('unknown fields are refused, by name', () => {
    bad(receipt({ ip: '1.2.3.4' }), 'ip');
    bad(receipt({ userAgent: 'x' }), 'userAgent');
    bad(JSON.parse(`{"__proto__": {"x": 1}, "id": "3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f"}`), '__proto__');
  });

  test('each required field is required', () => {
    for (const field of ['id', 'revision', 'language', 'givenAt', 'updatedAt', 'method', 'categories', 'page']) {
      const result = bad(without(field), field);
      assert.match(result.error, /required/);
    }
  });

  test('id: a lowercase UUID v4', () => {
    ok(receipt({ id: '00000000-0000-4000-8000-000000000000' }));
    ok(receipt({ id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' }));
    for (const id of [
      '3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F',
      '3f2b8c1e-9d4a-1b6f-8e2d-1a2b3c4d5e6f', // v1
      '3f2b8c1e-9d4a-4b6f-ce2d-1a2b3c4d5e6f', // wrong variant
      '3f2b8c1e9d4a4b6f8e2d1a2b3c4d5e6f',
      '',
      42,
      null,
    ]) {
      bad(receipt({ id }), 'id');
    }
  });

  test('revision: 1–200 characters, no control characters', () => {
    ok(receipt({ revision: '1' }));
    ok(receipt({ revision: 'x'.repeat(200) }));
    ok(receipt({ revision: 'ฉบับที่ 3' }));
    for (const revision of ['', 'x'.repeat(201), 'a\nb', 'a\u0000', 'a\u007f', 'a\u0085', '\ud800', 3, null]) {
      bad(receipt({ revision }), 'revision');
    }
  });

  test('language: two or three lowercase letters', () => {
    ok(receipt({ language: 'en' }));
    ok(receipt({ language: 'tha' }));
    for (const language of ['EN', 'e', 'engl', 'en-US', '', 1]) bad(receipt({ language }), 'language');
  });

  test('givenAt and updatedAt: toISOString() timestamps in order, not too early or late', () => {
    ok(receipt({ givenAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z' }));
    ok(receipt({ updatedAt: '2026-06-16T11:59:59.999Z' })); // < 24 h ahead of NOW
    for (const givenAt of [
      '2026-06-01T08:00:00Z', // no milliseconds
      '2026-06-01T08:00:00.000+07:00',
      '2026-06-01 08:00:00.000Z',
      '2026-02-30T08:00:00.000Z', // no such day
      '2019-12-31T23:59:59.999Z', // before 2020
      1717228800000,
      null,
    ]) {
      bad(receipt({ givenAt }), 'givenAt');
    }
    const later = bad(receipt({ givenAt: '2026-06-03T00:00:00.000Z' }), 'givenAt');
    assert.match(later.error, /updatedAt/);
    bad(receipt({ updatedAt: 'yesterday' }), 'updatedAt');
    bad(receipt({ updatedAt: '2026-06-16T12:00:00.001Z' }), 'updatedAt'); // > 24 h ahead
  });

  test('method: one of three', () => {
    for (const method of ['accept-all', 'reject-all', 'custom']) ok(receipt({ method }));
    for (const method of ['accept', 'ACCEPT-ALL', '', null]) bad(receipt({ method }), 'method');
  });

  test('categories: necessary true, three optional booleans, nothing else', () => {
    ok(receipt({ categories: { necessary: true } }));
    ok(receipt({ categories: { necessary: true, functional: false, analytics: true, marketing: false } }));
    bad(receipt({ categories: { functional: true } }), 'categories.necessary');
    bad(receipt({ categories: { necessary: false } }), 'categories.necessary');
    bad(receipt({ categories: { necessary: 'true' } }), 'categories.necessary');
    bad(receipt({ categories: { necessary: true, analytics: 1 } }), 'categories.analytics');
    bad(receipt({ categories: { necessary: true, marketing: null } }), 'categories.marketing');
    bad(receipt({ categories: { necessary: true, functional: 'yes' } }), 'categories.functional');
    bad(receipt({ categories: { necessary: true, social: true } }), 'categories.social');
    for (const categories of [null, [], 'all', true]) bad(receipt({ categories }), 'categories');
  });

  test('page: absolute http(s) URL, no query or fragment, at most 2048', () => {
    ok(receipt({ page: 'http://localhost:8080/' }));
    ok(receipt({ page: 'https://www.example.go.th/' + 'a'.repeat(2048 - 'https://www.example.go.th/'.length) }));
    for (const page of [
      '/relative',
      'www.example.go.th/',
      'ftp://example.go.th/',
      SCRIPT_URL,
      'https://www.example.go.th/?q=1',
      'https://www.example.go.th/#top',
      'https://user:pw@www.example.go.th/',
      'https://www.example.go.th/a b',
      'https://www.example.go.th/' + 'a'.repeat(2048),
      '',
      null,
    ]) {
      bad(receipt({ page }), 'page');
    }
  });

  test('policyUrl: optional, an http(s) or relative URL as the widget takes it', () => {
    ok(receipt({ policyUrl: 'https://www.example.go.th/privacy?lang=th#cookies' }));
    ok(receipt({ policyUrl: '/privacy' }));
    ok(receipt({ policyUrl: 'privacy.html' }));
    ok(receipt({ policyUrl: 'HTTP://www.example.go.th/privacy' }));
    for (const policyUrl of [
      'ftp://example.com/x',
      SCRIPT_URL,
      'data:text/html,x',
      '/a b',
      '',
      '/' + 'a'.repeat(2048),
      null,
      1,
    ]) {
      bad(receipt({ policyUrl }), 'policyUrl');
    }
  });

  test('source and event: optional, from their lists', () => {
    for (const source of ['banner', 'preferences', 'placeholder', 'api']) ok(receipt({ source }));
    for (const event of ['first', 'change', 'withdrawal', 'reset']) ok(receipt({ event }));
    for (const source of ['widget', '', null]) bad(receipt({ source }), 'source');
    for (const event of ['update', '', null]) bad(receipt({ event }), 'event');
  });

  test('noticeDigest: sha256- and 43 base64url characters', () => {
    ok(receipt({ noticeDigest: 'sha256-' + 'a-_9'.repeat(10) + 'abc' }));
    for (const noticeDigest of [
      'sha256-' + 'a'.repeat(42),
      'sha256-' + 'a'.repeat(44),
      'sha256-' + 'a'.repeat(42) + '=',
      'sha256-' + 'a'.repeat(42) + '+',
      'sha512-' + 'a'.repeat(43),
      null,
    ]) {
      bad(receipt({ noticeDigest }), 'noticeDigest');
    }
  });
});

describe('parseReceipt', () => {
  const enc = (s) => new TextEncoder().encode(s);
  test('parses UTF-8 JSON', () => {
    const result = parseReceipt(enc(JSON.stringify(receipt({ revision: 'ฉบับ ๒' }))), NOW);
    assert.equal(result.ok, true);
    assert.equal(result.receipt.revision, 'ฉบับ ๒');
  });
  test('a UTF-8 BOM is ignored', () => {
    assert.equal(parseReceipt(enc('\ufeff' + JSON.stringify(receipt())), NOW).ok, true);
  });
  test('invalid JSON, empty body and invalid UTF-8 are errors on "body"', () => {
    for (const bytes of [enc('{'), enc(''), enc('nul'), new Uint8Array([0x7b, 0xff, 0x7d])]) {
      const result = parseReceipt(bytes, NOW);
      assert.equal(result.ok, false);
      assert.equal(result.field, 'body');
    }
  });
});
