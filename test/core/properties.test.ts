// Property-based checks: whatever a cookie or an attribute holds, parsing never throws,
// never grants what was not stored, and never reaches Object.prototype.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { OPTIONAL_CATEGORIES } from '../../src/core/categories.js';
import { CONFIG_ATTRIBUTES, DEFAULT_CONFIG, parseConfig, POSITIONS, THEMES } from '../../src/core/config.js';
import { decodeRecord, encodeRecord, type ConsentRecord } from '../../src/core/consent-record.js';
import { memoryStorage } from '../../src/core/consent-storage.js';
import { ConsentStore } from '../../src/core/consent-store.js';

const quiet = { warn: () => {}, error: () => {} };
const polluted = () => ({}) as Record<string, unknown>;

const recordArbitrary: fc.Arbitrary<ConsentRecord> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    revision: fc.string({ minLength: 1, maxLength: 40 }),
    language: fc.constantFrom('th' as const, 'en' as const),
    given: fc.integer({ min: Date.UTC(2025, 0, 1), max: 4_102_444_800_000 }),
    later: fc.integer({ min: 0, max: 10 ** 10 }),
    method: fc.constantFrom('accept-all' as const, 'reject-all' as const, 'custom' as const),
    categories: fc
      .subarray([...OPTIONAL_CATEGORIES])
      .chain((used) => fc.tuple(...used.map((c) => fc.tuple(fc.constant(c), fc.boolean())))),
  })
  .map(({ id, revision, language, given, later, method, categories }) => ({
    id: id.toLowerCase(),
    revision,
    language,
    givenAt: new Date(given).toISOString(),
    updatedAt: new Date(given + later).toISOString(),
    method,
    // What the method says holds: "reject all" grants nothing, "accept all" all but (GPC) marketing.
    categories: {
      necessary: true as const,
      ...Object.fromEntries(
        categories.map(([c, granted]) => [
          c,
          method === 'reject-all' ? false : method === 'accept-all' && c !== 'marketing' ? true : granted,
        ]),
      ),
    },
  }));

describe('properties', () => {
  it('any record survives encoding and decoding unchanged', () => {
    fc.assert(
      fc.property(recordArbitrary, (record) => {
        expect(decodeRecord(encodeRecord(record))).to.deep.equal(record);
      }),
      { numRuns: 300 },
    );
  });

  it('decoding any string never throws and never returns a malformed record', () => {
    const cookieish = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      // Mutations of a valid value: the likeliest tampering.
      fc.tuple(recordArbitrary, fc.nat(), fc.string({ maxLength: 5 })).map(([record, at, insert]) => {
        const value = encodeRecord(record);
        const i = at % (value.length + 1);
        return value.slice(0, i) + insert + value.slice(i + 1);
      }),
    );
    fc.assert(
      fc.property(cookieish, (value) => {
        const record = decodeRecord(value);
        if (record === null) return;
        expect(record.categories.necessary).to.equal(true);
        for (const [key, state] of Object.entries(record.categories)) {
          expect(['necessary', ...OPTIONAL_CATEGORIES]).to.include(key);
          expect(state).to.be.a('boolean');
        }
        expect(Date.parse(record.updatedAt)).to.be.at.least(Date.parse(record.givenAt));
        expect(encodeRecord(record)).to.equal(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('a store over any stored value grants nothing unless that value decodes to a grant', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        const store = new ConsentStore(
          parseConfig({ categories: 'analytics marketing' }).config,
          memoryStorage(value),
          { log: quiet },
        );
        const record = decodeRecord(value);
        for (const category of ['analytics', 'marketing', '__proto__', 'constructor', 'toString']) {
          const granted = store.hasConsent(category);
          if (granted) expect(record && (record.categories as Record<string, boolean>)[category]).to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parsing any attributes never throws and always yields a usable config', () => {
    const raw = fc.dictionary(
      fc.constantFrom(...CONFIG_ATTRIBUTES, '__proto__', 'constructor', 'prototype'),
      fc.option(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'on', 'off', '0', '401', '30', 'analytics marketing'),
        ),
        { nil: null },
      ),
    );
    fc.assert(
      fc.property(raw, (attributes) => {
        const { config, problems } = parseConfig(attributes);
        expect(POSITIONS).to.include(config.position);
        expect(THEMES).to.include(config.theme);
        expect(config.expiresDays).to.be.within(1, 400);
        expect(config.categories.length).to.be.greaterThan(0);
        for (const c of config.categories) expect(OPTIONAL_CATEGORIES).to.include(c);
        expect(Object.keys(config).sort()).to.deep.equal(
          [...new Set([...Object.keys(DEFAULT_CONFIG), ...Object.keys(config)])].sort(),
        );
        for (const problem of problems)
          expect(problem.message).to.match(/^yinyom: [a-z-]+=".*" is not valid; use .+\. Using .+ instead\.$/s);
        expect(polluted().polluted).to.equal(undefined);
      }),
      { numRuns: 1000 },
    );
  });

  it('a choice object with prototype keys pollutes nothing and grants nothing extra', () => {
    const errors: string[] = [];
    const store = new ConsentStore(parseConfig({ categories: 'analytics' }).config, memoryStorage(), {
      log: { warn: () => {}, error: (m: string) => errors.push(m) },
    });
    const hostile = JSON.parse(
      '{"__proto__": {"polluted": true, "analytics": true}, "constructor": {"prototype": {"polluted": true}}}',
    ) as Record<string, unknown>;
    const { consent } = store.save(hostile, 'th');
    expect(consent.categories).to.deep.equal({ necessary: true, analytics: false });
    expect(polluted().polluted).to.equal(undefined);
    expect(errors.length).to.be.greaterThan(0);
  });
});
