// Every visual state, checked as an audit would: axe in both languages, themes, positions
// and at 320 px; real key presses; equal weight by computed style and box; Thai words
// never split across lines; focus visible and never hidden behind the banner.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { axeViolations, frameAt, removeFrames } from '../helpers/frame.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';

let counter = 0;
const names: string[] = [];

async function mount(attributes = ''): Promise<YinyomConsent> {
  const cookieName = `yinyom-a11y-${Date.now()}-${counter++}`;
  names.push(cookieName);
  const el = await fixture<YinyomConsent>(
    staticHtml`<yinyom-consent cookie-name=${cookieName} policy-url="/privacy" org="เทศบาลตำบลบ้านสวน" categories="functional analytics marketing" ${unsafeStatic(attributes)}></yinyom-consent>`,
  );
  await el.updateComplete;
  return el;
}

const part = (el: YinyomConsent, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const deepActive = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
const activePart = () =>
  deepActive()?.getAttribute('part')?.split(' ').pop() ?? deepActive()?.id ?? deepActive()?.tagName;

/** Relative luminance contrast of two computed colours (rgb/rgba, opaque). */
function contrast(a: string, b: string): number {
  const lum = (color: string) => {
    const [r, g, bl] = color
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Thai words (Intl.Segmenter) in `root` that the layout split across two lines. */
function splitThaiWords(root: Element | ShadowRoot): string[] {
  const split: string[] = [];
  const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!/[\u0E00-\u0E7F]/.test(text)) continue;
    for (const { segment, index, isWordLike } of segmenter.segment(text)) {
      if (!isWordLike || !/[\u0E00-\u0E7F]/.test(segment)) continue;
      const range = node.ownerDocument!.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + segment.length);
      const lines = new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)),
      );
      if (lines.size > 1) split.push(segment);
    }
  }
  return split;
}

describe('<yinyom-consent> accessibility', () => {
  afterEach(() => {
    removeFrames();
    for (const name of names.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
  });

  for (const lang of ['th', 'en']) {
    for (const theme of ['light', 'dark']) {
      for (const position of ['bottom', 'top', 'center']) {
        it(`banner is accessible: ${lang}, ${theme}, ${position}`, async () => {
          const el = await mount(`lang="${lang}" theme="${theme}" position="${position}"`);
          expect(part(el, 'banner')).to.exist;
          await expect(el).to.be.accessible();
        });
      }
      it(`preferences are accessible: ${lang}, ${theme}`, async () => {
        const el = await mount(`lang="${lang}" theme="${theme}"`);
        await el.showPreferences();
        await expect(el).to.be.accessible();
      });
      it(`after a choice (settings button, status) is accessible: ${lang}, ${theme}`, async () => {
        const el = await mount(`lang="${lang}" theme="${theme}"`);
        part(el, 'accept-button')!.click();
        await el.updateComplete;
        expect(part(el, 'settings-button')).to.exist;
        expect(part(el, 'status')!.textContent).to.not.equal('');
        await expect(el).to.be.accessible();
      });
    }
  }

  // 640 px is a 1280 px screen at 200 % zoom.
  for (const width of [320, 375, 640, 768, 1280]) {
    it(`at ${width} px: accessible, nothing overflows, accept and reject weigh the same`, async function () {
      // Four page loads, each with axe: on a busy two-core machine Firefox came within a
      // hair of the 10 s default (and once past it in CI).
      this.timeout(30_000);
      for (const theme of ['light', 'dark']) {
        for (const lang of ['th', 'en']) {
          const cookieName = `yinyom-w-${counter++}`;
          names.push(cookieName);
          const { win, el } = await frameAt(
            width,
            740,
            `<yinyom-consent cookie-name="${cookieName}" lang="${lang}" theme="${theme}" policy-url="/privacy" org="เทศบาลตำบลบ้านสวน" categories="analytics marketing"></yinyom-consent>`,
          );
          const banner = part(el, 'banner')!;
          const box = banner.getBoundingClientRect();
          expect(box.left, 'banner inside the viewport').to.be.at.least(0);
          expect(box.right).to.be.at.most(width + 0.5);
          expect(banner.scrollWidth, 'no sideways scrolling inside the banner').to.be.at.most(banner.clientWidth + 1);
          const [accept, reject] = [part(el, 'accept-button')!, part(el, 'reject-button')!];
          const look = (b: HTMLElement) => {
            const style = win.getComputedStyle(b);
            const { width: w, height: h } = b.getBoundingClientRect();
            return {
              tag: b.tagName,
              className: b.className,
              background: style.backgroundColor,
              color: style.color,
              border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
              font: `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`,
              width: Math.round(w),
              height: Math.round(h),
            };
          };
          expect(look(reject), `${lang} ${theme}`).to.deep.equal(look(accept));
          const acceptStyle = win.getComputedStyle(accept);
          expect(contrast(acceptStyle.color, acceptStyle.backgroundColor)).to.be.at.least(4.5);
          for (const button of Array.from(el.shadowRoot!.querySelectorAll('button'))) {
            const { width: w, height: h } = button.getBoundingClientRect();
            if (w === 0) continue;
            expect(Math.min(w, h), `${button.textContent} target size`).to.be.at.least(24);
          }
          expect(await axeViolations(win, el), `${lang} ${theme}`).to.deep.equal([]);
          removeFrames();
        }
      }
    });

    it(`at ${width} px no Thai word is split across lines`, async () => {
      const { el } = await frameAt(
        width,
        740,
        `<yinyom-consent cookie-name="yinyom-split-${counter++}" lang="th" org="เทศบาลตำบลบ้านสวน" policy-url="/privacy" categories="functional analytics marketing"></yinyom-consent>`,
      );
      expect(splitThaiWords(el.shadowRoot!)).to.deep.equal([]);
      await el.showPreferences();
      expect(splitThaiWords(el.shadowRoot!)).to.deep.equal([]);
    });
  }

  it('the Thai line-break check catches a split word (it can fail)', async () => {
    const { win, el } = await frameAt(
      320,
      740,
      `<yinyom-consent cookie-name="yinyom-split-${counter++}" lang="th"></yinyom-consent>`,
    );
    const style = win.document.createElement('style');
    style.textContent = '* { word-break: break-all !important; }';
    el.shadowRoot!.append(style);
    expect(splitThaiWords(el.shadowRoot!)).to.not.deep.equal([]);
  });

  it('preferences at 320 px are accessible and fit the screen', async () => {
    const texts = JSON.stringify({
      cookies: {
        analytics: [
          { name: '_ga_ABCDEFGHIJ', provider: 'Google', purpose: 'นับจำนวนผู้เข้าชมและหน้าที่เข้าชม', lifetime: '2 ปี' },
        ],
      },
    });
    const { win, el } = await frameAt(
      320,
      640,
      `<yinyom-consent cookie-name="yinyom-p320-${counter++}" lang="th" categories="functional analytics marketing" policy-url="/privacy"><script type="application/json" data-yinyom-texts>${texts}</script></yinyom-consent>`,
    );
    await el.showPreferences();
    (el.shadowRoot!.querySelector('[part~="cookie-list"]') as HTMLDetailsElement).open = true;
    await new Promise((resolve) => win.requestAnimationFrame(resolve));
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.getBoundingClientRect().right).to.be.at.most(320);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth + 1);
    expect(await axeViolations(win, el)).to.deep.equal([]);
  });

  it('never shifts the page: no layout shift when the banner comes or goes', async function () {
    if (!PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) this.skip();
    type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean };
    const shifts: Shift[] = [];
    const observer = new PerformanceObserver((list) => shifts.push(...(list.getEntries() as Shift[])));
    observer.observe({ type: 'layout-shift' });
    // The element first, as the README advises: an in-flow banner would push this content down.
    const cookieName = `yinyom-cls-${counter++}`;
    names.push(cookieName);
    const page = await fixture<HTMLElement>(
      staticHtml`<div><yinyom-consent cookie-name=${cookieName}></yinyom-consent><main><h1>หน้าแรก</h1><p>เนื้อหาของหน้า</p></main></div>`,
    );
    const el = page.querySelector('yinyom-consent') as YinyomConsent;
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    el.rejectAll();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    expect(shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0)).to.equal(0);
  });

  it('pads the page so the banner never hides the focused element, and gives the padding back', async () => {
    const html = document.documentElement;
    html.style.scrollPaddingBottom = '7px';
    try {
      const el = await mount();
      const banner = part(el, 'banner')!;
      // The padding follows the banner's size as the browser lays it out, without forcing a layout.
      await waitUntil(() => html.style.scrollPaddingBottom !== '7px', 'the page got no scroll padding');
      expect(parseFloat(getComputedStyle(html).scrollPaddingBottom)).to.be.at.least(banner.offsetHeight);
      part(el, 'reject-button')!.click();
      await el.updateComplete;
      expect(html.style.scrollPaddingBottom).to.equal('7px');
    } finally {
      html.style.scrollPaddingBottom = '';
    }
  });

  describe('system settings', () => {
    /** Engines whose driver cannot emulate a media feature skip, saying so, rather than pass blindly. */
    async function emulate(this: Mocha.Context, media: Record<string, string>) {
      try {
        await emulateMedia(media);
      } catch {
        this.skip();
      }
    }
    afterEach(async () => {
      await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference', forcedColors: 'none' } as never).catch(
        () => {},
      );
    });

    it('theme="auto" follows a dark system, and stays accessible', async function () {
      await emulate.call(this, { colorScheme: 'dark' });
      const el = await mount('lang="th"');
      const background = getComputedStyle(part(el, 'banner')!).backgroundColor;
      expect(contrast(background, 'rgb(0, 0, 0)'), 'a dark background').to.be.below(2);
      await expect(el).to.be.accessible();
      el.remove();
      const light = await mount('lang="th" theme="light"');
      expect(getComputedStyle(part(light, 'banner')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    });

    it('stays usable in forced colours: switches and buttons keep visible edges', async function () {
      await emulate.call(this, { forcedColors: 'active' });
      const el = await mount('lang="th"');
      await el.showPreferences();
      const toggle = el.shadowRoot!.querySelector<HTMLElement>('[part~="toggle"]')!;
      const style = getComputedStyle(toggle);
      expect(parseFloat(style.borderTopWidth)).to.be.at.least(1);
      expect(style.borderTopStyle).to.not.equal('none');
      await expect(el).to.be.accessible();
    });
  });

  describe('with the keyboard', () => {
    it('tabs through the banner in reading order and Enter chooses', async () => {
      const before = await fixture<HTMLButtonElement>(staticHtml`<button>page</button>`);
      const el = await mount('lang="en"');
      before.focus();
      const order: Array<string | undefined> = [];
      for (let i = 0; i < 5; i++) {
        await sendKeys({ press: 'Tab' });
        order.push(activePart());
      }
      // WebKit, like Safari, leaves links out of the Tab order unless the user opts in.
      expect(order.filter((p) => p !== 'policy-link').slice(0, 4)).to.deep.equal([
        'language-button',
        'accept-button',
        'reject-button',
        'preferences-button',
      ]);
      if (order.includes('policy-link')) expect(order.indexOf('policy-link')).to.equal(1);
      part(el, 'reject-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.getConsent()!.method).to.equal('reject-all');
    });

    it('shows a visible focus ring with at least 3:1 contrast', async () => {
      for (const theme of ['light', 'dark']) {
        const before = await fixture<HTMLButtonElement>(staticHtml`<button>page</button>`);
        const el = await mount(`lang="en" theme="${theme}"`);
        before.focus();
        await sendKeys({ press: 'Tab' });
        const focused = deepActive() as HTMLElement;
        const style = getComputedStyle(focused);
        expect(style.outlineStyle).to.not.equal('none');
        expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
        const background = getComputedStyle(part(el, 'banner')!).backgroundColor;
        expect(contrast(style.outlineColor, background), theme).to.be.at.least(3);
        el.remove();
      }
    });

    it('operates the preferences: Space turns a switch on, focus stays in the dialog, Escape leaves', async () => {
      const el = await mount('lang="th"');
      part(el, 'preferences-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      // Focus stays in the dialog; between rounds a browser may hand it to its own UI
      // (the document itself), never to the page behind.
      const outside: string[] = [];
      let switched = false;
      for (let i = 0; i < 14; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive();
        if (active && !dialog.contains(active) && active !== document.body && active !== document.documentElement) {
          outside.push(active.outerHTML.slice(0, 60));
        }
        if (!switched && active?.id === 'category-analytics') {
          await sendKeys({ press: ' ' });
          switched = true;
        }
      }
      expect(switched, 'the analytics switch was reached by Tab').to.equal(true);
      expect(outside).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector<HTMLInputElement>('#category-analytics')!.checked).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialog.open).to.equal(false);
      expect(el.getConsent(), 'Escape never saves').to.equal(null);
    });

    it('scrolling the page never counts as a choice', async () => {
      const tall = await fixture<HTMLElement>(staticHtml`<div style="height: 3000px"></div>`);
      const el = await mount();
      window.scrollTo(0, 2000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      window.scrollTo(0, 0);
      expect(el.getConsent()).to.equal(null);
      expect(part(el, 'banner')).to.exist;
      tall.remove();
    });
  });
});
