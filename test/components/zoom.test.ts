// Reflow (WCAG 1.4.10) and resize text (1.4.4): 400 % zoom of a 1280×800 screen is a 320×200
// CSS px viewport; text-only zoom is a larger root font size.
import { expect } from '@open-wc/testing';
import { frameAt, removeFrames } from '../helpers/frame.js';

let counter = 0;
const markup = (lang: string) =>
  `<yinyom-consent cookie-name="yinyom-zoom-${Date.now()}-${counter++}" lang="${lang}" categories="functional analytics marketing" policy-url="/privacy"></yinyom-consent>`;
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('zoom and reflow', () => {
  afterEach(removeFrames);

  for (const lang of ['th', 'en']) {
    it(`at 400 % zoom (320×200) every switch of the preferences can be scrolled into view, clear of the buttons (${lang})`, async () => {
      const { el } = await frameAt(320, 200, markup(lang));
      await el.showPreferences();
      await frame();
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      const actions = dialog.querySelector('.actions')!;
      const hidden: string[] = [];
      for (const input of Array.from(dialog.querySelectorAll<HTMLInputElement>('input[role="switch"]'))) {
        input.scrollIntoView({ block: 'center' });
        await frame();
        const box = input.getBoundingClientRect();
        const view = dialog.getBoundingClientRect();
        const bar = actions.getBoundingClientRect();
        const inView = box.top >= view.top && box.bottom <= view.bottom;
        const underBar = box.bottom > bar.top && box.top < bar.bottom;
        if (!inView || underBar) hidden.push(input.id);
      }
      expect(hidden, 'switches that cannot be seen').to.deep.equal([]);
      expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth + 1);
    });
  }

  it('at 320×640 the English preferences do not scroll sideways, and the close button is in view', async () => {
    const { el } = await frameAt(320, 640, markup('en'));
    await el.showPreferences();
    await frame();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth + 1);
    const close = el.shadowRoot!.querySelector('[part~="close-button"]')!.getBoundingClientRect();
    expect(close.right).to.be.at.most(dialog.getBoundingClientRect().right);
  });

  for (const lang of ['th', 'en']) {
    it(`text-only zoom to 200 % on a phone keeps the close button on screen (${lang})`, async () => {
      const { win, el } = await frameAt(375, 667, markup(lang));
      win.document.documentElement.style.fontSize = '200%';
      await el.showPreferences();
      await frame();
      const close = el.shadowRoot!.querySelector('[part~="close-button"]')!.getBoundingClientRect();
      expect(close.left, 'left edge').to.be.at.least(0);
      expect(close.right, 'right edge').to.be.at.most(375);
    });

    it(`text-only zoom to 200 % on a phone: the buttons at the bottom cover neither the close button nor a switch (${lang})`, async () => {
      const { win, el } = await frameAt(375, 667, markup(lang));
      win.document.documentElement.style.fontSize = '200%';
      await el.showPreferences();
      await frame();
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      const bar = () => dialog.querySelector('.actions')!.getBoundingClientRect();
      const close = el.shadowRoot!.querySelector('[part~="close-button"]')!.getBoundingClientRect();
      expect(close.bottom, 'the close button is above the buttons').to.be.at.most(bar().top);
      for (const input of Array.from(dialog.querySelectorAll<HTMLInputElement>('input[role="switch"]'))) {
        input.scrollIntoView({ block: 'center' });
        await frame();
        const box = input.getBoundingClientRect();
        const under = box.bottom > bar().top && box.top < bar().bottom;
        expect(under, `${input.id} is under the buttons`).to.equal(false);
      }
    });
  }

  it('on a desktop the buttons still stick to the bottom of the preferences', async () => {
    const { el } = await frameAt(1280, 800, markup('th'));
    await el.showPreferences();
    await frame();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(getComputedStyle(dialog.querySelector('.actions')!).position).to.equal('sticky');
  });
});
