import { expect } from '@open-wc/testing';
import { resolveLanguage, toLanguage } from '../../src/i18n/language.js';

describe('language', () => {
  it('reads the primary subtag', () => {
    expect(toLanguage('th-TH')).to.equal('th');
    expect(toLanguage('EN_gb')).to.equal('en');
    expect(toLanguage('fr')).to.equal(undefined);
    expect(toLanguage('')).to.equal(undefined);
    expect(toLanguage(null)).to.equal(undefined);
  });

  it('takes the first supported candidate, then Thai', () => {
    expect(resolveLanguage(['en', 'th'])).to.equal('en');
    expect(resolveLanguage([null, '', 'fr', 'en-US'])).to.equal('en');
    expect(resolveLanguage([undefined, 'de', 'ja'])).to.equal('th');
    expect(resolveLanguage([])).to.equal('th');
  });
});
