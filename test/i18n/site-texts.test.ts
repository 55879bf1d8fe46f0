import { expect } from '@open-wc/testing';
import { en, enPreferences } from '../../locales/en.js';
import { th, thBanner, thPreferences } from '../../locales/th.js';
import { applyOverride, localText, parseSiteTexts } from '../../src/i18n/site-texts.js';
import {
  completeLanguages,
  knownLanguages,
  messagesFor,
  onLanguagesChange,
  registerLanguage,
} from '../../src/i18n/registry.js';
import { resolveLanguage } from '../../src/i18n/language.js';
import { isComplete, PREFERENCE_KEYS, type Messages } from '../../src/i18n/messages.js';

describe('site texts', () => {
  it('reads per-language wording and cookie lists', () => {
    const { texts, problems } = parseSiteTexts(
      JSON.stringify({
        messages: {
          th: { bannerTitle: 'เทศบาลใช้คุกกี้', categories: { analytics: { title: 'สถิติ' } } },
          en: { acceptAll: 'OK, all' },
        },
        cookies: {
          analytics: [
            { name: '_ga', provider: 'Google', purpose: { th: 'นับผู้เข้าชม', en: 'Counts visitors' }, lifetime: '2 ปี' },
          ],
        },
      }),
      th,
    );
    expect(problems).to.deep.equal([]);
    expect(texts.messages!.th.bannerTitle).to.equal('เทศบาลใช้คุกกี้');
    expect(texts.cookies!.analytics![0].name).to.equal('_ga');
  });

  const bad: Array<[string, unknown, string]> = [
    ['broken JSON', '{"messages": {', 'the JSON is not valid'],
    ['not an object', '[1, 2]', 'expected an object'],
    ['an unknown top-level key', { message: {} }, '"message" is not known'],
    ['an unknown text', { messages: { th: { bannerTitel: 'x' } } }, '"bannerTitel", which is not a text yinyom shows'],
    ['a text that is not a string', { messages: { en: { acceptAll: 1 } } }, 'messages.en.acceptAll must be a string'],
    ['a bad language key', { messages: { Thai: {} } }, 'messages."Thai" must be a language code'],
    [
      'an unknown category text',
      { messages: { th: { categories: { ads: { title: 'x' } } } } },
      'categories."ads" is not an optional category',
    ],
    ['an unknown cookie category', { cookies: { ads: [] } }, 'cookies."ads" is not a category'],
    ['a cookie list that is not a list', { cookies: { analytics: { name: '_ga' } } }, 'must be a list'],
    [
      'a cookie without a name',
      { cookies: { analytics: [{ provider: 'Google' }] } },
      'cookies.analytics[0] needs a "name"',
    ],
  ];
  for (const [what, input, expected] of bad) {
    it(`reports ${what}, naming where, and keeps going`, () => {
      const { problems } = parseSiteTexts(typeof input === 'string' ? input : JSON.stringify(input), th);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^yinyom: in the site texts/);
      expect(problems[0]).to.contain(expected);
    });
  }

  it('never lets a __proto__ key reach a prototype', () => {
    const { texts, problems } = parseSiteTexts(
      '{"messages": {"th": {"__proto__": {"polluted": true}}}, "__proto__": {"polluted": true}}',
      th,
    );
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(problems.length).to.be.greaterThan(0);
    const merged = applyOverride(th, texts.messages!.th);
    expect((merged as unknown as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(merged)).to.equal(Object.prototype);
  });

  it('lays wording over the built-in texts, filling {tokens} in texts that take values', () => {
    const merged = applyOverride(en, {
      bannerText: '{org} uses a few cookies. {unknown}',
      receipt: 'Ref {id} ({date})',
      necessary: { title: 'Essential' },
      categories: { marketing: { description: 'Ads.' } },
    });
    expect(merged.bannerText('Ban Suan')).to.equal('Ban Suan uses a few cookies. {unknown}');
    expect(merged.bannerText(undefined)).to.equal(' uses a few cookies. {unknown}');
    expect(merged.receipt('abc', '1 Jan 2026')).to.equal('Ref abc (1 Jan 2026)');
    expect(merged.necessary).to.deep.equal({ title: 'Essential', description: en.necessary.description });
    expect(merged.categories.marketing).to.deep.equal({ title: en.categories.marketing.title, description: 'Ads.' });
    expect(merged.categories.analytics).to.deep.equal(en.categories.analytics);
    expect(merged.acceptAll).to.equal(en.acceptAll);
    expect(applyOverride(en, undefined)).to.equal(en);
  });

  it("reads a per-language text in the visitor's language, else Thai, else English", () => {
    expect(localText('2 ปี', 'en')).to.equal('2 ปี');
    expect(localText({ th: '2 ปี', en: '2 years' }, 'en')).to.equal('2 years');
    expect(localText({ th: '2 ปี', en: '2 years' }, 'lo')).to.equal('2 ปี');
    expect(localText({ en: '2 years' }, 'lo')).to.equal('2 years');
    expect(localText(undefined, 'th')).to.equal('');
  });
});

describe('registerLanguage', () => {
  const lo: Messages = { ...en, languageName: 'ລາວ', bannerTitle: 'ເວັບໄຊນີ້ໃຊ້ຄຸກກີ້' };

  it('adds a language the notice can resolve to and speak', () => {
    registerLanguage('lo', lo);
    expect(knownLanguages()).to.include('lo');
    expect(messagesFor('lo').bannerTitle).to.equal('ເວັບໄຊນີ້ໃຊ້ຄຸກກີ້');
    expect(resolveLanguage(['lo-LA'], knownLanguages())).to.equal('lo');
    expect(resolveLanguage(['lo-LA'], ['th', 'en'])).to.equal('th');
  });

  it('falls back to Thai for a language it does not know, and refuses a bad code', () => {
    expect(messagesFor('xx')).to.equal(messagesFor('th'));
    expect(messagesFor('xx').bannerTitle).to.equal(th.bannerTitle);
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      registerLanguage('Lao', lo);
    } finally {
      console.error = original;
    }
    expect(knownLanguages()).to.not.include('Lao');
    expect(errors[0]).to.contain('two- or three-letter lowercase language code');
  });
});

// This file never loads the second file: the built-in languages stay in their first half
// until a test completes them, as extra.ts does when it arrives.
describe('built-in languages in two halves (16)', () => {
  it('a first visit holds the banner texts only; the second file brings the rest, once, and says so', () => {
    expect(isComplete(messagesFor('th'))).to.equal(false);
    expect(messagesFor('th')).to.deep.equal(thBanner);
    expect(messagesFor('en').categories).to.equal(undefined);
    let told = 0;
    const stop = onLanguagesChange(() => told++);
    completeLanguages({ th: thPreferences, en: enPreferences });
    completeLanguages({ th: thPreferences, en: enPreferences });
    stop();
    expect(told, 'listeners hear of it once').to.equal(1);
    expect(messagesFor('th')).to.deep.equal(th);
    expect(messagesFor('en')).to.deep.equal(en);
    expect(isComplete(messagesFor('en'))).to.equal(true);
  });

  it('a language registered whole keeps its own texts when the rest of the built-in one arrives', () => {
    const own: Messages = { ...th, preferencesTitle: 'ของเว็บไซต์เอง' };
    registerLanguage('th', own);
    completeLanguages({ th: thPreferences });
    expect(messagesFor('th')).to.equal(own);
    registerLanguage('th', th);
  });

  it('a site may word the preferences before their texts arrive: no false "not a text" report', () => {
    const { texts, problems } = parseSiteTexts(
      { messages: { th: { preferencesTitle: 'ตั้งค่า', necessary: { title: 'จำเป็น' }, save: 1, nonsense: 'x' } } },
      thBanner,
    );
    expect(texts.messages!.th).to.deep.equal({ preferencesTitle: 'ตั้งค่า', necessary: { title: 'จำเป็น' } });
    expect(problems).to.have.length(2);
    expect(problems[0]).to.contain('save must be a string');
    expect(problems[1]).to.contain('"nonsense", which is not a text yinyom shows');
    // Laid over the banner half, it waits; laid over the whole, it shows.
    expect(applyOverride(thBanner, texts.messages!.th)).to.not.have.property('preferencesTitle');
    const whole = applyOverride(th, texts.messages!.th);
    expect([whole.preferencesTitle, whole.necessary.title, whole.necessary.description]).to.deep.equal([
      'ตั้งค่า',
      'จำเป็น',
      th.necessary.description,
    ]);
  });

  it('PREFERENCE_KEYS names exactly the texts that come later', () => {
    expect([...PREFERENCE_KEYS].sort()).to.deep.equal(Object.keys(thPreferences).sort());
    expect(Object.keys(thBanner).filter((key) => (PREFERENCE_KEYS as readonly string[]).includes(key))).to.deep.equal(
      [],
    );
  });
});
