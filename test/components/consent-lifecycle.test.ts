// What happens around a choice: Consent Mode signals, receipts, withdrawal, Global Privacy
// Control, other tabs, and a page that holds two elements.
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import '../../src/define.js';
import { registerLanguage, type YinyomConsent } from '../../src/index.js';
import { en } from '../../locales/en.js';
import { th } from '../../locales/th.js';
import type { ConsentReceipt } from '../../src/browser/receipt.js';

type DataLayerWindow = Window & { dataLayer?: IArguments[] };

let counter = 0;
const names: string[] = [];

async function mount(attributes = '', cookieName = `yinyom-life-${Date.now()}-${counter++}`): Promise<YinyomConsent> {
  names.push(cookieName);
  const el = await fixture<YinyomConsent>(
    staticHtml`<yinyom-consent cookie-name=${cookieName} ${unsafeStatic(attributes)}></yinyom-consent>`,
  );
  await el.updateComplete;
  return el;
}

const part = (el: YinyomConsent, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const hasCookie = (name: string) => document.cookie.split('; ').some((c) => c.startsWith(`${name}=`));

function consentEntries(kind: 'default' | 'update') {
  return ((window as DataLayerWindow).dataLayer ?? [])
    .filter((entry) => Object.prototype.toString.call(entry) === '[object Arguments]')
    .map((entry) => Array.from<unknown>(entry))
    .filter(([command, type]) => command === 'consent' && type === kind);
}

describe('around a choice', () => {
  afterEach(() => {
    for (const name of [...names.splice(0), '_ga', '_gid', '_fbp', '_hjSession_1']) {
      document.cookie = `${name}=; Path=/; Max-Age=0`;
    }
  });

  describe('Google Consent Mode v2', () => {
    it('pushes "denied" by default before anything runs, then an update on each choice', async () => {
      const el = await mount('categories="functional analytics marketing"');
      const [defaults] = consentEntries('default');
      expect(defaults[2]).to.include({
        ad_storage: 'denied',
        analytics_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        security_storage: 'granted',
      });
      const before = consentEntries('update').length;
      el.save({ analytics: true });
      const updates = consentEntries('update');
      expect(updates).to.have.length(before + 1);
      expect(updates[updates.length - 1][2]).to.include({
        analytics_storage: 'granted',
        ad_storage: 'denied',
        ad_user_data: 'denied',
        functionality_storage: 'denied',
      });
    });

    it('sends nothing when consent-mode="off"', async () => {
      const before = consentEntries('update').length;
      const el = await mount('consent-mode="off"');
      el.acceptAll();
      expect(consentEntries('update')).to.have.length(before);
    });

    it("tells a returning visitor's tags at once, before the gate runs", async () => {
      const cookieName = `yinyom-cm-${counter++}`;
      (await mount('', cookieName)).acceptAll();
      document.querySelector('yinyom-consent')!.remove();
      const before = consentEntries('update').length;
      await mount('', cookieName);
      const updates = consentEntries('update');
      expect(updates).to.have.length(before + 1);
      expect(updates[updates.length - 1][2]).to.include({ analytics_storage: 'granted' });
    });
  });

  describe('receipts', () => {
    it('posts the record, the page and the policy to log-url after each choice, once', async () => {
      const el = await mount('log-url="/test/receipts" policy-url="/privacy" lang="en"');
      const { id } = el.acceptAll();
      el.acceptAll();
      type Stored = { body: string };
      let mine: Stored[] = [];
      await waitUntil(async () => {
        const all = (await (await fetch('/test/receipts')).json()) as Stored[];
        mine = all.filter((r) => r.body.includes(id));
        return mine.length > 0;
      }, 'no receipt arrived');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const all = (await (await fetch('/test/receipts')).json()) as Stored[];
      expect(
        all.filter((r) => r.body.includes(id)),
        'an unchanged choice sends nothing',
      ).to.have.length(1);
      const receipt = JSON.parse(mine[0].body) as ConsentReceipt;
      expect(receipt).to.deep.include({
        id,
        language: 'en',
        method: 'accept-all',
        policyUrl: '/privacy',
        source: 'api',
        event: 'first',
      });
      expect(receipt.noticeDigest).to.match(/^sha256-[A-Za-z0-9_-]{43}$/);
      expect(receipt.page).to.equal(location.origin + location.pathname);
      expect(Object.keys(receipt).sort()).to.deep.equal([
        'categories',
        'event',
        'givenAt',
        'id',
        'language',
        'method',
        'noticeDigest',
        'page',
        'policyUrl',
        'revision',
        'source',
        'updatedAt',
      ]);
    });

    it('shows the visitor their own receipt in the preferences, dated in their language', async () => {
      const el = await mount('lang="th"');
      const { id, updatedAt } = el.acceptAll();
      await el.showPreferences();
      const thaiYear = String(new Date(updatedAt).getFullYear() + 543);
      const text = el.shadowRoot!.querySelector('dialog')!.textContent;
      expect(text).to.contain(id);
      expect(text).to.contain(thaiYear);
      expect(text).to.contain(th.receipt(id, '').trim().split(' ')[0]);
      await expect(el).to.be.accessible();
    });
  });

  describe('withdrawal', () => {
    it('deletes the cookies of a category that goes from granted to refused, and only those', async () => {
      const el = await mount('categories="analytics marketing" clear-cookies="analytics:_hj*"');
      el.acceptAll();
      for (const name of ['_ga', '_gid', '_fbp', '_hjSession_1']) document.cookie = `${name}=x; Path=/`;
      el.save({ marketing: true });
      // The cookies' rules come with the second file, a moment after the choice.
      await waitUntil(() => !hasCookie('_ga'), '_ga was not deleted');
      expect(hasCookie('_gid')).to.equal(false);
      expect(hasCookie('_hjSession_1')).to.equal(false);
      expect(hasCookie('_fbp'), 'marketing was not withdrawn').to.equal(true);
      expect(hasCookie(el.getAttribute('cookie-name')!), 'the choice itself stays').to.equal(true);
    });

    it('deletes them on reset too: forgetting the choice withdraws it', async () => {
      const el = await mount('categories="marketing"');
      el.acceptAll();
      document.cookie = '_fbp=x; Path=/';
      el.reset();
      await waitUntil(() => !hasCookie('_fbp'), '_fbp was not deleted');
    });
  });

  describe('a cookie the browser refuses', () => {
    it('says so once on the console and keeps the choice for this page view', async () => {
      const errors: string[] = [];
      const error = console.error;
      console.error = (message: string) => errors.push(message);
      try {
        const el = await mount('cookie-domain="example.invalid" categories="analytics"');
        el.acceptAll();
        await el.updateComplete;
        expect(el.hasConsent('analytics')).to.equal(true);
        expect(part(el, 'banner')).to.equal(null);
        expect(errors.filter((m) => m.includes('refused to store the consent cookie'))).to.have.length(1);
        expect(errors[0]).to.contain('domain "example.invalid"');
      } finally {
        console.error = error;
      }
    });
  });

  describe('Global Privacy Control', () => {
    const define = (get: () => unknown) =>
      Object.defineProperty(navigator, 'globalPrivacyControl', { get, configurable: true });
    afterEach(() => {
      delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
    });

    it('accept all leaves marketing off, says why, and a switch can still turn it on', async () => {
      define(() => true);
      const el = await mount('categories="analytics marketing" lang="en"');
      expect(el.acceptAll().categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
      await el.showPreferences();
      expect(el.shadowRoot!.querySelector('dialog')!.textContent).to.contain(en.gpc);
      await expect(el).to.be.accessible();
      expect(el.save({ analytics: true, marketing: true }).categories.marketing).to.equal(true);
    });

    it('is ignored with respect-gpc="off", and a throwing getter is no signal', async () => {
      define(() => true);
      expect((await mount('categories="marketing" respect-gpc="off"')).acceptAll().categories.marketing).to.equal(true);
      document.querySelector('yinyom-consent')!.remove();
      define(() => {
        throw new Error('blocked');
      });
      expect((await mount('categories="marketing"')).acceptAll().categories.marketing).to.equal(true);
    });
  });

  describe('one page, one choice', () => {
    it('a second call of the same choice stores nothing and fires no change', async () => {
      const el = await mount();
      el.acceptAll();
      let changes = 0;
      const count = () => changes++;
      window.addEventListener('yinyom-change', count);
      try {
        el.acceptAll();
        el.acceptAll();
      } finally {
        window.removeEventListener('yinyom-change', count);
      }
      expect(changes).to.equal(0);
    });

    it('two elements on a page show one banner and write each choice once', async () => {
      const host = await fixture<HTMLElement>(staticHtml`<div></div>`);
      const cookieName = `yinyom-two-${counter++}`;
      names.push(cookieName);
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (message: string) => warnings.push(message);
      try {
        host.innerHTML = `<yinyom-consent cookie-name="${cookieName}"></yinyom-consent><yinyom-consent cookie-name="${cookieName}"></yinyom-consent>`;
        const [first, second] = Array.from(host.querySelectorAll('yinyom-consent'));
        await first.updateComplete;
        await second.updateComplete;
        expect(part(first, 'banner')).to.exist;
        expect(second.shadowRoot!.querySelector('*')).to.equal(null);
        expect(warnings.some((w) => w.includes('more than one <yinyom-consent>'))).to.equal(true);
        let changes = 0;
        const count = () => changes++;
        window.addEventListener('yinyom-change', count);
        const changed = oneEvent(window, 'yinyom-change');
        second.rejectAll();
        await changed;
        window.removeEventListener('yinyom-change', count);
        expect(changes).to.equal(1);
        expect(first.getConsent()!.method).to.equal('reject-all');
        expect(second.getConsent()).to.deep.equal(first.getConsent());
        await first.updateComplete;
        expect(part(first, 'banner')).to.equal(null);
      } finally {
        console.warn = warn;
      }
    });
  });
});

describe('site texts and cookie lists', () => {
  const cookieName = 'yinyom-texts-test';
  afterEach(() => {
    document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
    document.cookie = 'site_stats=; Path=/; Max-Age=0';
  });

  async function withTexts(json: string, attributes = '') {
    const host = await fixture<HTMLElement>(staticHtml`<div></div>`);
    host.innerHTML = `<yinyom-consent cookie-name="${cookieName}" categories="analytics marketing" ${attributes}><script type="application/json" data-yinyom-texts>${json}</script></yinyom-consent>`;
    const el = host.querySelector('yinyom-consent') as YinyomConsent;
    await el.updateComplete;
    return el;
  }

  const texts = JSON.stringify({
    messages: { th: { bannerTitle: 'เทศบาลตำบลบ้านสวนใช้คุกกี้' }, en: { bannerTitle: 'Ban Suan uses cookies' } },
    cookies: {
      analytics: [
        {
          name: 'site_stats',
          provider: 'เทศบาล',
          purpose: { th: 'นับจำนวนผู้เข้าชม', en: 'Counts visits' },
          lifetime: { th: '1 ปี', en: '1 year' },
        },
      ],
    },
  });

  it("takes the site's wording from a JSON child, per language, without JavaScript", async () => {
    const el = await withTexts(texts, 'lang="th"');
    expect(part(el, 'title')!.textContent).to.equal('เทศบาลตำบลบ้านสวนใช้คุกกี้');
    part(el, 'language-button')!.click();
    await el.updateComplete;
    expect(part(el, 'title')!.textContent).to.equal('Ban Suan uses cookies');
    expect(part(el, 'accept-button')!.textContent.trim()).to.equal(en.acceptAll);
  });

  it("lists the site's cookies under their category, accessibly, and deletes them on withdrawal", async () => {
    const el = await withTexts(texts, 'lang="en"');
    await el.showPreferences();
    const list = part(el, 'cookie-list') as HTMLDetailsElement;
    expect(list.textContent).to.contain('site_stats');
    expect(list.textContent).to.contain('Counts visits');
    expect(list.textContent).to.contain('1 year');
    const table = part(el, 'cookie-table') as HTMLTableElement;
    expect(Array.from(table.tHead!.rows[0].cells, (c) => c.textContent.trim())).to.deep.equal([
      en.cookieName,
      en.provider,
      en.purpose,
      en.lifetime,
    ]);
    expect(Array.from(table.tBodies[0].rows[0].cells, (c) => c.textContent.trim())).to.deep.equal([
      'site_stats',
      'เทศบาล',
      'Counts visits',
      '1 year',
    ]);
    list.open = true;
    await expect(el).to.be.accessible();
    el.acceptAll();
    document.cookie = 'site_stats=1; Path=/';
    el.save({ marketing: true });
    await waitUntil(() => !hasCookie('site_stats'), 'site_stats was not deleted');
  });

  it('says what is wrong with malformed JSON, and keeps the built-in texts', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const el = await withTexts('{"messages": {"th": {"bannerTitle": }}}', 'lang="th"');
      expect(part(el, 'title')!.textContent).to.equal(th.bannerTitle);
    } finally {
      console.error = original;
    }
    expect(errors.filter((e) => e.includes('the JSON is not valid'))).to.have.length(1);
  });

  it('takes the same from the texts property, typed, as frameworks set it', async () => {
    const el = await withTexts('{}', 'lang="en"');
    el.texts = { messages: { en: { rejectAll: 'No, thanks' } } };
    await el.updateComplete;
    expect(part(el, 'reject-button')!.textContent.trim()).to.equal('No, thanks');
  });
});

describe('a registered language', () => {
  it('is spoken by an element whose lang names it, with Thai one click away', async () => {
    registerLanguage('lo', { ...en, languageName: 'ລາວ', bannerTitle: 'ເວັບໄຊນີ້ໃຊ້ຄຸກກີ້' });
    const el = await mount('lang="lo"');
    expect(el.language).to.equal('lo');
    expect(part(el, 'title')!.textContent).to.equal('ເວັບໄຊນີ້ໃຊ້ຄຸກກີ້');
    expect(el.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('lo');
    expect(part(el, 'language-button')!.textContent.trim()).to.equal(th.languageName);
    expect(el.acceptAll().language).to.equal('lo');
  });
});
