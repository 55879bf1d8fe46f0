import { expect } from '@open-wc/testing';
import {
  decodeRecord,
  encodeRecord,
  isGranted,
  recordStanding,
  type ConsentRecord,
} from '../../src/core/consent-record.js';

const record: ConsentRecord = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  revision: '2026/11 ฉบับ 2',
  language: 'th',
  givenAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-22T09:30:15.123Z',
  method: 'custom',
  categories: { necessary: true, analytics: true, marketing: false },
};

describe('consent record', () => {
  it('round-trips through its compact form', () => {
    const value = encodeRecord(record);
    expect(value).to.match(/^1\|1b4e28ba-[^|]+\|2026%2F11%20[^|]+\|th\|[0-9a-z]+\|[0-9a-z]+\|c\|a1m0$/);
    expect(decodeRecord(value)).to.deep.equal(record);
  });

  it('keeps only characters a cookie value may hold', () => {
    expect(encodeRecord(record)).to.match(/^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/);
  });

  const tampered: Array<[string, string]> = [
    ['empty', ''],
    ['JSON', '{"analytics":true}'],
    ['truncated', encodeRecord(record).slice(0, 40)],
    ['an extra field', `${encodeRecord(record)}|x`],
    ['another version', encodeRecord(record).replace(/^1/, '2')],
    ['a bad id', encodeRecord(record).replace('1b4e28ba', 'zzzzzzzz')],
    ['bad percent-encoding', encodeRecord(record).replace('2026%2F11', '2026%E0%A4')],
    ['a malformed language', encodeRecord(record).replace('|th|', '|TH-th|')],
    ['an unknown method', encodeRecord(record).replace('|c|', '|x|')],
    ['an unknown category', encodeRecord(record).replace('a1m0', 'a1z1')],
    ['a repeated category', encodeRecord(record).replace('a1m0', 'a1a1')],
    ['a non-boolean state', encodeRecord(record).replace('a1m0', 'a2m0')],
    ['updated before given', encodeRecord({ ...record, updatedAt: '2020-01-01T00:00:00.000Z' })],
    ['an oversized value', `${encodeRecord(record)}${'x'.repeat(500)}`],
    ['a prototype key', encodeRecord(record).replace('a1m0', '__proto__')],
  ];
  for (const [what, value] of tampered) {
    it(`refuses a value with ${what}`, () => {
      expect(decodeRecord(value)).to.equal(null);
    });
  }

  it('stands only under the same revision and within its lifetime', () => {
    const updated = Date.parse(record.updatedAt);
    expect(recordStanding(record, record.revision, 30, updated + 1000)).to.equal('valid');
    expect(recordStanding(record, '3', 30, updated)).to.equal('revision');
    expect(recordStanding(record, record.revision, 30, updated + 30 * 86_400_000)).to.equal('expired');
    expect(recordStanding(record, record.revision, 30, updated + 30 * 86_400_000 - 1)).to.equal('valid');
  });

  it('grants only what it says, and necessary always', () => {
    expect(isGranted(record, 'analytics')).to.equal(true);
    expect(isGranted(record, 'marketing')).to.equal(false);
    expect(isGranted(record, 'functional')).to.equal(false);
    expect(isGranted(record, 'necessary')).to.equal(true);
    expect(isGranted(null, 'necessary')).to.equal(true);
    expect(isGranted(null, 'analytics')).to.equal(false);
    expect(isGranted(record, '__proto__')).to.equal(false);
    expect(isGranted(record, 'toString')).to.equal(false);
  });
});
