import { expect } from '@open-wc/testing';
import { formatDate } from '../../src/i18n/format-date.js';

describe('formatDate', () => {
  it('shows Thai dates in the Buddhist era', () => {
    expect(formatDate('2026-11-22T09:00:00.000Z', 'th', 'Asia/Bangkok')).to.equal('22 พ.ย. 2569');
  });

  it('shows English dates in the Gregorian calendar', () => {
    expect(formatDate('2026-11-22T09:00:00.000Z', 'en', 'Asia/Bangkok')).to.equal('22 Nov 2026');
  });

  it('follows the time zone: late UTC evening is the next day in Bangkok', () => {
    expect(formatDate('2026-12-31T20:00:00.000Z', 'th', 'Asia/Bangkok')).to.equal('1 ม.ค. 2570');
    expect(formatDate('2026-12-31T20:00:00.000Z', 'en', 'UTC')).to.equal('31 Dec 2026');
  });
});
