// The placeholder speaks the notice's language and the site's own words (issue 13): site texts,
// the TH/EN switch, registerLanguage() and a run-time <html lang> all reach it, not only the
// banner. Public behaviour only: attributes, the texts property or JSON child, the DOM.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import {
  registerLanguage,
  type Messages,
  type SiteTexts,
  type YinyomConsent,
  type YinyomPlaceholder,
} from '../../src/index.js';
import { en } from '../../locales/en.js';
import { th } from '../../locales/th.js';
import { forgetNotices, frames, notice } from '../helpers/notice.js';

const part = (root: Element, name: string) => root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** What a placeholder says: its text and its two buttons. */
const said = (placeholder: YinyomPlaceholder) => ({
  text: placeholder.shadowRoot!.querySelector('p')?.textContent?.trim(),
  loadOnce: part(placeholder, 'load-once-button')?.textContent?.trim(),
  allow: part(placeholder, 'allow-button')?.textContent?.trim(),
});

/** What built-in (or registered) messages make a YouTube marketing placeholder say. */
const saying = (m: Messages) => ({
  text: m.placeholder('YouTube', m.categories.marketing.title),
  loadOnce: m.loadOnce,
  allow: m.allowCategory(m.categories.marketing.title),
});

/** Waits until `read()` gives `expected`; on timeout, fails with the last value it gave. */
async function eventually(read: () => unknown, expected: unknown, what: string, timeout = 2500): Promise<void> {
  let last: unknown;
  try {
    await waitUntil(
      () => {
        last = read();
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      what,
      { timeout, interval: 25 },
    );
  } catch {
    expect(last, `${what} (waited ${timeout} ms)`).to.deep.equal(expected);
  }
}

/** Nothing may change: gives a MutationObserver, a render and a frame their time. */
async function settle(): Promise<void> {
  await aTimeout(50);
  await frames();
  await aTimeout(50);
}

/** A gated YouTube frame added to the page, and the placeholder yinyom puts before it. */
async function gatedVideo(): Promise<YinyomPlaceholder> {
  const host = await fixture<HTMLElement>(html`<div>
    <iframe data-consent="marketing" data-src="https://www.youtube.com/embed/x" title="video" width="320" height="180"></iframe>
  </div>`);
  const frame = host.querySelector('iframe')!;
  await waitUntil(
    () => frame.previousElementSibling?.localName === 'yinyom-placeholder',
    'no placeholder appeared before the gated frame',
    {
      timeout: 5000,
    },
  );
  // Defined by the second file (extra.ts): the placeholder upgrades when it has loaded.
  await customElements.whenDefined('yinyom-placeholder');
  const placeholder = frame.previousElementSibling as YinyomPlaceholder;
  await placeholder.updateComplete;
  return placeholder;
}

const title = (el: YinyomConsent) => part(el, 'title')?.textContent?.trim();

async function pressLanguageButton(el: YinyomConsent): Promise<void> {
  part(el, 'language-button')!.click();
  await el.updateComplete;
}

const siteTexts: SiteTexts = {
  messages: {
    th: {
      placeholder: 'เว็บเทศบาล: คลิปจาก {provider} ตั้ง{category}',
      loadOnce: 'ดูคลิปนี้คลิปเดียว',
      allowCategory: 'ยอมรับ{category}ทั้งหมด',
      categories: { marketing: { title: 'คุกกี้โฆษณา' } },
    },
    en: {
      placeholder: 'Town hall: a clip from {provider} that sets {category}',
      loadOnce: 'Play just this clip',
      allowCategory: 'Allow all {category}',
      categories: { marketing: { title: 'advertising cookies' } },
    },
  },
};
const siteThai = {
  text: 'เว็บเทศบาล: คลิปจาก YouTube ตั้งคุกกี้โฆษณา',
  loadOnce: 'ดูคลิปนี้คลิปเดียว',
  allow: 'ยอมรับคุกกี้โฆษณาทั้งหมด',
};
const siteEnglish = {
  text: 'Town hall: a clip from YouTube that sets advertising cookies',
  loadOnce: 'Play just this clip',
  allow: 'Allow all advertising cookies',
};

let htmlLang = '';
const ownCookies: string[] = [];
beforeEach(() => {
  htmlLang = document.documentElement.lang;
});
afterEach(() => {
  document.documentElement.lang = htmlLang;
  forgetNotices();
  for (const name of ownCookies.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
});

describe("a placeholder in the site's own words (13)", () => {
  it("shows the site's Thai texts, then its English ones after the visitor presses TH/EN", async () => {
    const el = await notice('localize');
    el.setAttribute('lang', 'th');
    el.texts = siteTexts;
    await el.updateComplete;
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), siteThai, "the placeholder says the site's Thai texts");
    await pressLanguageButton(el);
    expect(title(el), 'the banner switched to English').to.equal(en.bannerTitle);
    await eventually(
      () => said(placeholder),
      siteEnglish,
      "after TH/EN, the placeholder says the site's English texts",
    );
  });

  it('shows the site\'s English texts on an element with lang="en" (texts property)', async () => {
    const el = await notice('localize');
    el.setAttribute('lang', 'en');
    el.texts = siteTexts;
    await el.updateComplete;
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), siteEnglish, "the placeholder says the site's English texts");
  });

  it('reads them from the <script type="application/json" data-yinyom-texts> child too', async () => {
    const cookieName = `yinyom-localize-json-${Date.now()}`;
    ownCookies.push(cookieName);
    // A string fixture: lit allows no binding inside <script>.
    const el = await fixture<YinyomConsent>(
      `<yinyom-consent cookie-name="${cookieName}" categories="analytics marketing" lang="en">` +
        `<script type="application/json" data-yinyom-texts>${JSON.stringify(siteTexts)}</script>` +
        '</yinyom-consent>',
    );
    await el.updateComplete;
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), siteEnglish, 'the placeholder says the English texts of the JSON child');
    await pressLanguageButton(el);
    await eventually(
      () => said(placeholder),
      siteThai,
      'after TH/EN, the placeholder says the Thai texts of the JSON child',
    );
  });

  it('follows the TH/EN button with the built-in texts as well', async () => {
    const el = await notice('localize');
    el.setAttribute('lang', 'th');
    await el.updateComplete;
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), saying(th), 'the placeholder starts in Thai');
    await pressLanguageButton(el);
    await eventually(() => said(placeholder), saying(en), 'after TH/EN, the placeholder speaks English');
    await pressLanguageButton(el);
    await eventually(() => said(placeholder), saying(th), 'after TH/EN again, the placeholder speaks Thai');
  });

  it('takes texts the site sets after the placeholder is shown (a framework setting the property late)', async () => {
    const el = await notice('localize');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), saying(en), 'the placeholder starts with the built-in English');
    el.texts = siteTexts;
    await el.updateComplete;
    await eventually(() => said(placeholder), siteEnglish, 'texts set later reach the shown placeholder');
  });
});

describe('registerLanguage() reaches the placeholders (13)', () => {
  // The registry is page-wide and has no unregister: 'km' stays registered for the rest of
  // this file (each test file has a page of its own). No other test here uses 'km'.
  const km: Messages = {
    ...en,
    languageName: 'ខ្មែរ',
    bannerTitle: 'គេហទំព័រនេះប្រើខូគី',
    placeholder: (provider, category) => `KM: ${provider} / ${category}`,
    loadOnce: 'បង្ហាញតែមួយនេះ',
    allowCategory: (category) => `អនុញ្ញាត ${category}`,
    categories: { ...en.categories, marketing: { title: 'ខូគីទីផ្សារ', description: 'KM marketing' } },
  };

  it('re-renders the notice and a placeholder already shown in a language registered late', async () => {
    document.documentElement.lang = 'th';
    const el = await notice('localize');
    el.setAttribute('lang', 'km');
    await el.updateComplete;
    expect(title(el), 'km is not known yet: Thai').to.equal(th.bannerTitle);
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), saying(th), 'the placeholder starts in Thai');
    registerLanguage('km', km);
    await eventually(() => title(el), km.bannerTitle, 'the notice speaks Khmer once registered');
    await eventually(() => said(placeholder), saying(km), 'the placeholder speaks Khmer once registered');
  });
});

describe('<html lang> changed at run time (13)', () => {
  it('is followed by the banner and a placeholder when neither the element nor the visitor chose', async () => {
    document.documentElement.lang = 'th';
    const el = await notice('localize');
    expect(title(el)).to.equal(th.bannerTitle);
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), saying(th), 'the placeholder starts in Thai');
    document.documentElement.lang = 'en';
    await eventually(() => title(el), en.bannerTitle, '<html lang="en"> turns the banner English');
    await eventually(() => said(placeholder), saying(en), '<html lang="en"> turns the placeholder English');
    document.documentElement.lang = 'th-TH';
    await eventually(() => title(el), th.bannerTitle, '<html lang="th-TH"> turns the banner Thai again');
    await eventually(() => said(placeholder), saying(th), '<html lang="th-TH"> turns the placeholder Thai again');
  });

  it("is outranked by the element's lang, and followed again once that is removed", async () => {
    document.documentElement.lang = 'en';
    const el = await notice('localize');
    el.setAttribute('lang', 'th');
    await el.updateComplete;
    const placeholder = await gatedVideo();
    await eventually(() => said(placeholder), saying(th), "the placeholder starts in the element's Thai");
    document.documentElement.lang = 'en-GB';
    await settle();
    expect(title(el), 'lang="th" outranks <html lang>').to.equal(th.bannerTitle);
    expect(said(placeholder), 'lang="th" outranks <html lang> for the placeholder').to.deep.equal(saying(th));
    el.removeAttribute('lang');
    await eventually(() => title(el), en.bannerTitle, 'without lang, the banner takes <html lang="en-GB">');
    // Without lang, a later change of <html lang> alone must be followed.
    document.documentElement.lang = 'th';
    await eventually(() => title(el), th.bannerTitle, 'then <html lang="th"> turns the banner Thai');
    await eventually(() => said(placeholder), saying(th), 'and the placeholder Thai');
  });

  it("is outranked by the visitor's TH/EN pick", async () => {
    document.documentElement.lang = 'th';
    const el = await notice('localize');
    const placeholder = await gatedVideo();
    // First, that <html lang> is followed at all, so that what follows means something.
    document.documentElement.lang = 'en';
    await eventually(() => title(el), en.bannerTitle, 'before any pick, <html lang="en"> turns the banner English');
    await pressLanguageButton(el);
    expect(title(el), 'the visitor picked Thai').to.equal(th.bannerTitle);
    await eventually(() => said(placeholder), saying(th), "the placeholder follows the visitor's pick");
    document.documentElement.lang = 'en-US';
    await settle();
    expect(title(el), "the visitor's pick outranks <html lang>").to.equal(th.bannerTitle);
    expect(said(placeholder), "the visitor's pick outranks <html lang> for the placeholder").to.deep.equal(saying(th));
  });
});
