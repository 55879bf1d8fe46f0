// The notice is met first (issue 14, item 7) wherever the page put the element, by real key
// presses: the first Tab of an untouched page lands in the banner; after a choice the page's
// own skip link comes before the settings button; the banner's appearance is announced once.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';

let counter = 0;
const names: string[] = [];
const deepActive = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
/** What has focus, by name: chai cannot print an element of a shadow root when an equality fails. */
const focused = () => deepActive()?.getAttribute('part') ?? deepActive()?.id ?? deepActive()?.localName;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const cookieName = () => {
  const name = `yinyom-first-${Date.now()}-${counter++}`;
  names.push(name);
  return name;
};
const content = html`<a href="#main" id="skip">ข้ามไปยังเนื้อหา</a>
  <nav><a href="/" id="home">หน้าแรก</a> <a href="/news">ข่าว</a></nav>
  <main id="main"><p>เนื้อหา</p><input id="search" aria-label="ค้นหา" /></main>`;

/** The page, untouched: nothing has focus when the element connects. */
async function page(template: TemplateResult): Promise<{ root: HTMLElement; el: YinyomConsent }> {
  (document.activeElement as HTMLElement | null)?.blur();
  const root = await fixture<HTMLElement>(template);
  const el = root.querySelector<YinyomConsent>('yinyom-consent')!;
  await el.updateComplete;
  return { root, el };
}

describe('the notice is met first', () => {
  afterEach(() => {
    for (const name of names.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
  });

  for (const lang of ['th', 'en']) {
    it(`the first Tab lands in the banner of an element placed last in the page (${lang})`, async () => {
      const { el } = await page(
        html`<div>${content}<yinyom-consent cookie-name=${cookieName()} lang=${lang}></yinyom-consent></div>`,
      );
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => part(el, 'banner').contains(deepActive()), `focus is on ${focused()}`);
      expect(focused()).to.equal('button language-button');
      // From there Tab walks the banner in order.
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button accept-button');
    });
  }

  it('leaves a page that already has focus where it is', async () => {
    const { root } = await page(
      html`<div>${content}<yinyom-consent cookie-name=${cookieName()}></yinyom-consent></div>`,
    );
    const search = root.querySelector<HTMLInputElement>('#search')!;
    search.focus();
    await sendKeys({ press: 'Tab' });
    // Tab goes on from the search field, to the next stop, which is the banner's first button.
    expect(focused()).to.equal('button language-button');
  });

  it('leaves a visitor who clicked the page to go on from there', async () => {
    const { el } = await page(html`<div>${content}<yinyom-consent cookie-name=${cookieName()}></yinyom-consent></div>`);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await sendKeys({ press: 'Tab' });
    expect(part(el, 'banner').contains(deepActive())).to.equal(false);
  });

  it('after a choice, the page’s skip link comes before the settings button of an element placed first', async () => {
    const name = cookieName();
    const first = await page(html`<div><yinyom-consent cookie-name=${name}></yinyom-consent></div>`);
    first.el.rejectAll();
    first.root.remove();
    const { el } = await page(html`<div><yinyom-consent cookie-name=${name}></yinyom-consent>${content}</div>`);
    expect(part(el, 'settings-button'), 'a settings button').to.exist;
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('skip');
  });

  it('announces the banner once, politely, out of sight, without moving focus', async () => {
    const { root, el } = await page(
      html`<div>${content}<yinyom-consent cookie-name=${cookieName()} lang="th"></yinyom-consent></div>`,
    );
    const search = root.querySelector<HTMLInputElement>('#search')!;
    search.focus();
    const status = part(el, 'status');
    const said: string[] = [];
    new MutationObserver(() => status.textContent.trim() && said.push(status.textContent.trim())).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    await waitUntil(() => said.length > 0, 'nothing was announced', { timeout: 3000 });
    expect(said).to.deep.equal(['เว็บไซต์นี้ใช้คุกกี้']);
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.getBoundingClientRect().width, 'out of sight').to.be.at.most(1);
    expect(focused()).to.equal('search');
    // Re-rendering (a language switch) is not a second appearance.
    el.lang = 'en';
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(said).to.have.length(1);
  });
});
