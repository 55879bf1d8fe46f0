// Where focus goes when part of the notice goes (WCAG 2.4.3), by real key presses, and the
// status live region that announces a choice (4.1.3).
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';
import { forgetNotices, notice } from '../helpers/notice.js';

const part = (el: YinyomConsent, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const deepActive = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
const focusedPart = () => deepActive()?.getAttribute('part') ?? deepActive()?.localName;

describe('focus when part of the notice goes', () => {
  afterEach(forgetNotices);

  for (const choice of ['accept-button', 'reject-button'] as const) {
    it(`a choice from the banner by keyboard (${choice}) leaves focus on the settings button, not <body>`, async () => {
      const el = await notice('focus');
      part(el, choice)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.getConsent() !== null, 'Enter chose');
      await waitUntil(() => focusedPart() === 'button settings-button', `focus is on ${focusedPart()}`, {
        timeout: 2000,
      });
    });
  }

  it('closing the preferences opened from the settings button gives focus back to it', async () => {
    const el = await notice('focus');
    el.rejectAll();
    await el.updateComplete;
    part(el, 'settings-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open, 'Enter opened the preferences');
    expect(part(el, 'settings-button'), 'the settings button stays in the page').to.exist;
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('dialog')?.open, 'Escape closed the preferences');
    await waitUntil(() => focusedPart() === 'button settings-button', `focus is on ${focusedPart()}`, {
      timeout: 2000,
    });
  });

  it('a choice in the preferences opened from the banner lands on the settings button', async () => {
    const el = await notice('focus');
    part(el, 'preferences-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open, 'Enter opened the preferences');
    part(el, 'save-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.getConsent() !== null, 'Enter saved');
    await waitUntil(() => focusedPart() === 'button settings-button', `focus is on ${focusedPart()}`, {
      timeout: 2000,
    });
  });

  it('without a settings button, focus goes to the page’s own way back', async () => {
    const link = await fixture<HTMLAnchorElement>(html`<a href="#" data-yinyom-open>Cookie settings</a>`);
    const el = await notice('focus');
    el.noSettingsButton = true;
    await el.updateComplete;
    part(el, 'accept-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.activeElement === link, `focus is on ${focusedPart()}`, { timeout: 2000 });
  });
});

describe('the status live region', () => {
  afterEach(forgetNotices);

  it('is in the accessibility tree before it speaks, out of sight, and then says the choice was saved', async () => {
    const el = await notice('status');
    const status = part(el, 'status')!;
    const style = getComputedStyle(status);
    expect(status.getAttribute('role')).to.equal('status');
    // A region that enters the tree together with its text is often not announced.
    expect(style.display).to.not.equal('none');
    expect(style.visibility).to.not.equal('hidden');
    expect(status.getBoundingClientRect().width * status.getBoundingClientRect().height).to.be.at.most(1);
    part(el, 'accept-button')!.click();
    await el.updateComplete;
    expect(status.textContent.trim()).to.not.equal('');
    expect(status.getBoundingClientRect().width).to.be.above(10);
  });
});

describe('the settings button’s focus ring over the page', () => {
  afterEach(forgetNotices);

  /** Relative-luminance contrast of two opaque computed colours. */
  const contrast = (a: string, b: string) => {
    const lum = (color: string) => {
      const [r, g, bl] = color
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map((v) => Number(v) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  /** The colours of solid rings (no blur, some spread) in a computed box-shadow. */
  const rings = (shadow: string) =>
    shadow === 'none'
      ? []
      : shadow
          .split(/,(?![^(]*\))/)
          .map((one) => one.trim())
          .filter((one) => /\b0px 0px 0px [1-9]/.test(one) && !/rgba\([^)]*,\s*0(\.\d+)?\)/.test(one))
          .map((one) => /rgba?\([^)]*\)/.exec(one)![0]);

  for (const [theme, page] of [
    ['light', 'rgb(31, 35, 40)'],
    ['dark', 'rgb(255, 255, 255)'],
  ] as const) {
    it(`${theme} theme over a ${theme === 'light' ? 'dark' : 'light'} page: part of the ring has 3:1 against the page`, async () => {
      const el = await notice('ring');
      el.theme = theme;
      document.body.style.background = page;
      try {
        el.acceptAll();
        await el.updateComplete;
        // Reached by Tab from the page, as a keyboard user reaches it: the ring is :focus-visible.
        const before = await fixture<HTMLButtonElement>(html`<button>page</button>`);
        el.before(before);
        before.focus();
        await sendKeys({ press: 'Tab' });
        await waitUntil(() => focusedPart() === 'button settings-button', `focus is on ${focusedPart()}`);
        const style = getComputedStyle(part(el, 'settings-button')!);
        const colours = [style.outlineColor, ...rings(style.boxShadow)];
        const best = Math.max(...colours.map((colour) => contrast(colour, page)));
        expect(best, `ring colours ${colours.join(' / ')} over ${page}`).to.be.at.least(3);
      } finally {
        document.body.style.background = '';
      }
    });
  }
});
