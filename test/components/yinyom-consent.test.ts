import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../src/define.js';
import type { YinyomChangeDetail, YinyomConsent, YinyomReadyDetail } from '../../src/index.js';
import { th } from '../../locales/th.js';
import { en } from '../../locales/en.js';

let counter = 0;
const cookies: string[] = [];

/** A fresh element with its own cookie, so tests never see each other's choices. */
async function mount(attributes = '', cookieName = `yinyom-test-${Date.now()}-${counter++}`): Promise<YinyomConsent> {
  cookies.push(cookieName);
  const el = await fixture<YinyomConsent>(
    staticHtml`<yinyom-consent cookie-name=${cookieName} ${unsafeStatic(attributes)}></yinyom-consent>`,
  );
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: YinyomConsent, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const part = (el: YinyomConsent, name: string) => $<HTMLElement>(el, `[part~="${name}"]`);
const cookieValue = (name: string) =>
  document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

async function click(el: YinyomConsent, name: string): Promise<void> {
  part(el, name)!.click();
  await el.updateComplete;
  if (/^(preferences|settings)-button$/.test(name)) await opened(el);
}

/** The preferences come with the second file: the first opening waits for it to load. */
const opened = (el: YinyomConsent) =>
  waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open, 'the preferences did not open');

describe('<yinyom-consent>', () => {
  afterEach(() => {
    for (const name of cookies.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
  });

  describe('banner', () => {
    it('is shown on a first visit, as a named region with three equal choices', async () => {
      const el = await mount('lang="th"');
      const banner = part(el, 'banner')!;
      expect(banner.getAttribute('role')).to.equal('region');
      expect($(el, `#${banner.getAttribute('aria-labelledby')}`)!.textContent).to.equal(th.bannerTitle);
      const buttons = ['accept-button', 'reject-button', 'preferences-button'].map((name) => part(el, name)!);
      expect(buttons.map((b) => b.textContent.trim())).to.deep.equal([th.acceptAll, th.rejectAll, th.choose]);
      const look = (b: HTMLElement) => {
        const style = getComputedStyle(b);
        return [
          b.tagName,
          style.backgroundColor,
          style.color,
          style.borderColor,
          style.fontWeight,
          style.fontSize,
          b.className,
        ];
      };
      expect(look(buttons[1])).to.deep.equal(look(buttons[0]));
      expect(look(buttons[2])).to.deep.equal(look(buttons[0]));
    });

    it('renders in a task of its own, never in the one that added it', async () => {
      const el = document.createElement('yinyom-consent');
      el.setAttribute('cookie-name', `yinyom-test-task-${counter++}`);
      cookies.push(el.getAttribute('cookie-name')!);
      document.body.append(el);
      try {
        await Promise.resolve();
        await Promise.resolve();
        expect(part(el, 'banner'), 'rendered in the same task').to.equal(null);
        await el.updateComplete;
        expect(part(el, 'banner')).to.exist;
      } finally {
        el.remove();
      }
    });

    it('is accessible in Thai', async () => {
      const el = await mount('lang="th" org="สำนักงานเขตดอนเมือง" policy-url="/privacy"');
      expect(part(el, 'text')!.textContent).to.contain('สำนักงานเขตดอนเมืองใช้คุกกี้');
      expect(part(el, 'policy-link')!.getAttribute('href')).to.equal('/privacy');
      await expect(el).to.be.accessible();
    });

    it('is accessible in English', async () => {
      const el = await mount('lang="en" org="Don Mueang District Office" policy-url="/privacy"');
      expect(part(el, 'title')!.textContent).to.equal(en.bannerTitle);
      expect(part(el, 'text')!.textContent).to.contain('Don Mueang District Office uses cookies');
      await expect(el).to.be.accessible();
    });

    it('does not take focus from the page', async () => {
      const before = document.activeElement;
      await mount();
      expect(document.activeElement).to.equal(before);
    });

    it('switches language with a visible TH/EN button, marking each part with its language', async () => {
      const el = await mount('lang="th"');
      const root = $(el, '[lang]')!;
      expect(root.getAttribute('lang')).to.equal('th');
      const toggle = part(el, 'language-button')!;
      expect(toggle.textContent.trim()).to.equal('English');
      expect(toggle.getAttribute('lang')).to.equal('en');
      await click(el, 'language-button');
      expect($(el, '[lang]')!.getAttribute('lang')).to.equal('en');
      expect(part(el, 'accept-button')!.textContent.trim()).to.equal(en.acceptAll);
      expect(part(el, 'language-button')!.textContent.trim()).to.equal('ภาษาไทย');
      await expect(el).to.be.accessible();
    });

    it('follows <html lang> when the element has none', async () => {
      const html = document.documentElement;
      const previous = html.lang;
      html.lang = 'en';
      try {
        const el = await mount();
        expect(el.language).to.equal('en');
        el.setAttribute('lang', 'th');
        await el.updateComplete;
        expect(el.language).to.equal('th');
        expect(part(el, 'accept-button')!.textContent.trim()).to.equal(th.acceptAll);
      } finally {
        html.lang = previous;
      }
    });

    it('says the policy has changed when a new revision asks again', async () => {
      const cookieName = `yinyom-revision-${counter++}`;
      const first = await mount('revision="1"', cookieName);
      await click(first, 'accept-button');
      first.remove();
      const second = await mount('revision="2" lang="th"', cookieName);
      expect(part(second, 'banner')).to.exist;
      expect(part(second, 'banner')!.textContent).to.contain(th.policyChanged);
      expect(second.getConsent()).to.equal(null);
    });
  });

  describe('choices', () => {
    it('accept all stores every category, hides the banner and shows the settings button', async () => {
      const el = await mount('categories="analytics marketing" lang="en"');
      const changed = oneEvent<CustomEvent<YinyomChangeDetail>>(window, 'yinyom-change');
      await click(el, 'accept-button');
      const { detail } = await changed;
      expect(detail.first).to.equal(true);
      expect(detail.changed).to.deep.equal(['analytics', 'marketing']);
      expect(detail.consent.method).to.equal('accept-all');
      expect(el.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: true, marketing: true });
      expect(el.hasConsent('marketing')).to.equal(true);
      expect(part(el, 'banner')).to.equal(null);
      expect(part(el, 'settings-button')).to.exist;
      expect(part(el, 'status')!.textContent).to.equal(en.saved);
      expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
      expect(cookieValue(el.getAttribute('cookie-name')!)).to.match(/^1\|[0-9a-f-]{36}\|1\|en\|/);
      await expect(el).to.be.accessible();
    });

    it('runs the accepted scripts before it re-renders: the click costs one pass, not a render first', async () => {
      const el = await mount('categories="analytics" lang="en"');
      const gated = document.createElement('script');
      gated.type = 'text/plain';
      gated.dataset.consent = 'analytics';
      gated.text = `window.__bannerWhenRun = !!document.querySelector('yinyom-consent[cookie-name="${el.getAttribute('cookie-name')}"]').shadowRoot.querySelector('[part~="banner"]');`;
      document.body.append(gated);
      try {
        await click(el, 'accept-button');
        await aTimeout(0);
        expect((window as unknown as { __bannerWhenRun?: boolean }).__bannerWhenRun).to.equal(true);
        expect(part(el, 'banner')).to.equal(null);
      } finally {
        document.querySelectorAll('script[data-consent="analytics"]').forEach((s) => s.remove());
        delete (window as unknown as { __bannerWhenRun?: boolean }).__bannerWhenRun;
      }
    });

    it('reject all stores every optional category refused', async () => {
      const el = await mount('categories="functional analytics marketing"');
      await click(el, 'reject-button');
      expect(el.getConsent()!.method).to.equal('reject-all');
      expect(el.getConsent()!.categories).to.deep.equal({
        necessary: true,
        functional: false,
        analytics: false,
        marketing: false,
      });
      expect(part(el, 'banner')).to.equal(null);
    });

    it('the choice survives a re-created element: no banner comes back', async () => {
      const cookieName = `yinyom-survive-${counter++}`;
      const first = await mount('', cookieName);
      await click(first, 'reject-button');
      const stored = first.getConsent();
      first.remove();
      const ready = oneEvent<CustomEvent<YinyomReadyDetail>>(window, 'yinyom-ready');
      const second = await mount('', cookieName);
      expect((await ready).detail.consent).to.deep.equal(stored);
      expect(second.getConsent()).to.deep.equal(stored);
      expect(part(second, 'banner')).to.equal(null);
    });

    it('reset forgets the choice and shows the banner again', async () => {
      const el = await mount();
      await click(el, 'accept-button');
      el.reset();
      await el.updateComplete;
      expect(el.getConsent()).to.equal(null);
      expect(part(el, 'banner')).to.exist;
      expect(cookieValue(el.getAttribute('cookie-name')!)).to.equal(undefined);
    });

    it('hides the settings button when asked to', async () => {
      const el = await mount('no-settings-button');
      await click(el, 'accept-button');
      expect(part(el, 'settings-button')).to.equal(null);
    });
  });

  describe('preferences', () => {
    it('opens as a modal dialog named by its title, nothing pre-ticked, necessary locked on', async () => {
      const el = await mount('categories="functional analytics marketing" lang="th"');
      await click(el, 'preferences-button');
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      // One set of choices at a time: the banner is hidden under the dialog.
      expect(part(el, 'banner')!.hidden).to.equal(true);
      expect($(el, `#${dialog.getAttribute('aria-labelledby')}`)!.textContent).to.equal(th.preferencesTitle);
      const toggles = Array.from(el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="toggle"]'));
      expect(toggles).to.have.length(3);
      for (const toggle of toggles) {
        expect(toggle.getAttribute('role')).to.equal('switch');
        expect(toggle.checked).to.equal(false);
        expect(toggle.labels![0].textContent).to.not.be.empty;
      }
      expect(dialog.textContent).to.contain(th.necessary.title);
      expect(dialog.textContent).to.contain(th.alwaysOn);
      expect(dialog.textContent).to.contain(th.trafficLogs);
      await expect(el).to.be.accessible();
    });

    it('parses its styles only when first opened, and styles the dialog from then on', async () => {
      const el = await mount('categories="analytics" lang="th"');
      const sheets = () => el.shadowRoot!.adoptedStyleSheets.length;
      expect(sheets()).to.equal(1);
      await click(el, 'preferences-button');
      expect(sheets()).to.equal(2);
      const toggle = $<HTMLInputElement>(el, '[part~="toggle"]')!;
      expect(getComputedStyle(toggle).appearance).to.equal('none');
      expect(getComputedStyle($(el, 'dialog')!).borderTopStyle).to.equal('solid');
      const closed = oneEvent($(el, 'dialog')!, 'close');
      $<HTMLDialogElement>(el, 'dialog')!.close();
      await closed;
      await el.updateComplete;
      await click(el, 'preferences-button');
      expect(sheets()).to.equal(2);
    });

    it('is accessible in English', async () => {
      const el = await mount('categories="functional analytics marketing" lang="en" policy-url="/privacy"');
      await el.showPreferences();
      expect($(el, 'dialog')!.textContent).to.contain(en.categories.marketing.title);
      await expect(el).to.be.accessible();
    });

    it('saves exactly the switches turned on', async () => {
      const el = await mount('categories="analytics marketing"');
      await el.showPreferences();
      $<HTMLInputElement>(el, '#category-marketing')!.click();
      await el.updateComplete;
      await click(el, 'save-button');
      expect(el.getConsent()!.method).to.equal('custom');
      expect(el.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: false, marketing: true });
      expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);
    });

    it("reopens on the standing choice and changing one's mind is as easy", async () => {
      const el = await mount('categories="analytics marketing"');
      await click(el, 'accept-button');
      await click(el, 'settings-button');
      expect($<HTMLInputElement>(el, '#category-analytics')!.checked).to.equal(true);
      const changed = oneEvent<CustomEvent<YinyomChangeDetail>>(window, 'yinyom-change');
      await click(el, 'reject-button');
      expect((await changed).detail.changed).to.deep.equal(['analytics', 'marketing']);
      expect(el.hasConsent('analytics')).to.equal(false);
    });

    it('closes on Escape without saving and returns focus to what opened it', async () => {
      const el = await mount();
      part(el, 'preferences-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await opened(el);
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      await aTimeout(0);
      expect(dialog.open).to.equal(false);
      expect(el.getConsent()).to.equal(null);
      expect(part(el, 'banner')!.hidden).to.equal(false);
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'preferences-button'));
    });

    it('opens from any data-yinyom-open element on the page', async () => {
      const el = await mount();
      const link = await fixture<HTMLAnchorElement>(html`<a href="#settings" data-yinyom-open>ตั้งค่าคุกกี้</a>`);
      link.click();
      await opened(el);
      expect(location.hash).to.not.equal('#settings');
    });
  });

  describe('configuration', () => {
    it('reports a bad attribute once, naming it, and keeps working with the default', async () => {
      const errors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const el = await mount('expires-days="900" position="left"');
        el.requestUpdate();
        await el.updateComplete;
        const messages = errors.map((args) => String(args[0]));
        expect(messages.filter((m) => m.includes('expires-days="900"'))).to.have.length(1);
        expect(messages.filter((m) => m.includes('position="left"'))).to.have.length(1);
        expect(part(el, 'banner')).to.exist;
      } finally {
        console.error = original;
      }
    });

    it('accepts configuration as properties, as frameworks set it', async () => {
      const el = document.createElement('yinyom-consent');
      el.cookieName = `yinyom-props-${counter++}`;
      cookies.push(el.cookieName);
      el.categories = 'marketing';
      el.expiresDays = 7;
      document.body.append(el);
      try {
        await el.updateComplete;
        expect(el.acceptAll().categories).to.deep.equal({ necessary: true, marketing: true });
      } finally {
        el.remove();
      }
    });
  });
});
