import { expect } from '@open-wc/testing';
import { resolveLanguage, toLanguage } from '../../src/i18n/language.js';
const BUILT_IN = ['th', 'en'];

describe('language', () => {
  it('reads the primary subtag', () => {
    expect(toLanguage('th-TH', BUILT_IN)).to.equal('th');
    expect(toLanguage('EN_gb', BUILT_IN)).to.equal('en');
    expect(toLanguage('fr', BUILT_IN)).to.equal(undefined);
    expect(toLanguage('', BUILT_IN)).to.equal(undefined);
    expect(toLanguage(null, BUILT_IN)).to.equal(undefined);
  });

  it('takes the first supported candidate, then Thai', () => {
    expect(resolveLanguage(['en', 'th'], BUILT_IN)).to.equal('en');
    expect(resolveLanguage([null, '', 'fr', 'en-US'], BUILT_IN)).to.equal('en');
    expect(resolveLanguage([undefined, 'de', 'ja'], BUILT_IN)).to.equal('th');
    expect(resolveLanguage([], BUILT_IN)).to.equal('th');
  });
});
