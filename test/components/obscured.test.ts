// Focus not obscured (WCAG 2.4.11), by real key presses: the banner covers an edge of the
// screen, and whatever the visitor tabs to (the footer's links at the very end of the page
// included) scrolls clear of it.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';
import { frameAt, removeFrames } from '../helpers/frame.js';

let counter = 0;
const names: string[] = [];
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function page(position: string, lang: string) {
  const name = `yinyom-obscured-${Date.now()}-${counter++}`;
  names.push(name);
  const root = await fixture<HTMLElement>(html`<div>
    <main>
      <a href="#top" id="first">หน้าแรก</a>
      ${Array.from({ length: 30 }, (_, i) => html`<p style="margin: 0 0 2rem">ย่อหน้า ${i + 1}</p>`)}
    </main>
    <footer>
      <a href="#" id="policy">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a>
      <a href="#" id="settings" data-yinyom-open>ตั้งค่าคุกกี้</a>
    </footer>
    <yinyom-consent cookie-name=${name} lang=${lang} position=${position} categories="analytics"></yinyom-consent>
  </div>`);
  const el = root.querySelector<YinyomConsent>('yinyom-consent')!;
  await el.updateComplete;
  const banner = el.shadowRoot!.querySelector<HTMLElement>('[part~="banner"]')!;
  // The room follows the banner's size once the browser has laid it out.
  await waitUntil(
    () => document.documentElement.style.scrollPaddingBottom || document.documentElement.style.scrollPaddingTop,
  );
  return { root, el, banner };
}

/** Tabs from `from` to the next element and says how much of it the banner covers, in px. */
async function tabTo(from: HTMLElement, to: HTMLElement, banner: HTMLElement): Promise<number> {
  from.focus();
  await sendKeys({ press: 'Tab' });
  await waitUntil(() => document.activeElement === to, `Tab reached ${document.activeElement?.id}`);
  await frames();
  const box = to.getBoundingClientRect();
  const cover = banner.getBoundingClientRect();
  return Math.max(0, Math.min(box.bottom, cover.bottom) - Math.max(box.top, cover.top));
}

describe('focus not obscured by the banner', () => {
  afterEach(() => {
    for (const name of names.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
    window.scrollTo(0, 0);
  });

  for (const lang of ['th', 'en']) {
    it(`the last links of the page scroll clear of a bottom banner (${lang})`, async () => {
      const { root, el, banner } = await page('bottom', lang);
      const policy = root.querySelector<HTMLElement>('#policy')!;
      const settings = root.querySelector<HTMLElement>('#settings')!;
      expect(await tabTo(policy, settings, banner), 'px of the last link under the banner').to.equal(0);
      const last = root.querySelector<HTMLElement>('main p:last-of-type')!;
      last.tabIndex = -1;
      expect(await tabTo(last, policy, banner), 'px of the policy link under the banner').to.equal(0);
      // The room at the end goes with the banner, and the page's own padding comes back.
      el.rejectAll();
      await el.updateComplete;
      await frames();
      expect(document.documentElement.style.paddingBottom).to.equal('');
      expect(document.documentElement.style.scrollPaddingBottom).to.equal('');
    });
  }

  it('a link in the middle of the page scrolls clear of a top banner', async () => {
    const { root, banner } = await page('top', 'th');
    const paragraphs = root.querySelectorAll<HTMLElement>('main p');
    const before = paragraphs[14];
    before.tabIndex = -1;
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = 'กลางหน้า';
    before.after(link);
    // Scrolled so that the link sits just under the top edge, where the banner is.
    window.scrollTo(0, window.scrollY + link.getBoundingClientRect().top - 10);
    expect(await tabTo(before, link, banner), 'px of the link under the banner').to.equal(0);
  });

  it('keeps the page’s own padding at its end, and adds to it', async () => {
    const style = document.documentElement.style;
    style.paddingBottom = '12px';
    try {
      const { el, banner } = await page('bottom', 'th');
      const room = parseFloat(getComputedStyle(document.documentElement).paddingBottom);
      expect(room).to.be.at.least(12 + banner.offsetHeight);
      el.rejectAll();
      await el.updateComplete;
      expect(style.paddingBottom).to.equal('12px');
    } finally {
      style.paddingBottom = '';
    }
  });

  it('a centred banner, docked to the bottom of a phone, pads the page as a bottom one does', async () => {
    try {
      const { win, el } = await frameAt(
        375,
        667,
        `<yinyom-consent cookie-name="yinyom-obscured-center-${Date.now()}" position="center"></yinyom-consent>`,
      );
      const html = win.document.documentElement;
      await waitUntil(() => html.style.scrollPaddingBottom, 'no scroll padding under the docked banner');
      const banner = el.shadowRoot!.querySelector<HTMLElement>('[part~="banner"]')!;
      expect(parseFloat(html.style.scrollPaddingBottom)).to.be.at.least(banner.offsetHeight);
      expect(parseFloat(getComputedStyle(html).paddingBottom)).to.be.at.least(banner.offsetHeight);
      // On a wide screen it floats in the middle: no edge of the page is covered.
      const wide = await frameAt(
        1280,
        800,
        `<yinyom-consent cookie-name="yinyom-obscured-center-wide-${Date.now()}" position="center"></yinyom-consent>`,
      );
      await frames();
      expect(wide.win.document.documentElement.style.scrollPaddingBottom).to.equal('');
    } finally {
      removeFrames();
    }
  });
});
