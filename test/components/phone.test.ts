// A phone's first screen (375×667): the banner states the choice in at most 35 % of it, so a
// visitor can still see the page they came for. Accept, reject and choose stay on the first
// layer, side by side and equal; the whole text is one tap away.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { frameAt, removeFrames } from '../helpers/frame.js';

let counter = 0;
const markup = (lang: string, position: string) =>
  `<yinyom-consent cookie-name="yinyom-phone-${Date.now()}-${counter++}" lang="${lang}" position="${position}" org="สำนักงานเขตดอนเมือง" categories="functional analytics marketing" policy-url="/privacy"></yinyom-consent>`;
const frame = (win: Window) =>
  new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));

describe('the banner on a phone', () => {
  afterEach(removeFrames);

  for (const lang of ['th', 'en'])
    for (const position of ['bottom', 'top', 'center'])
      it(`covers at most 35 % of a 375×667 screen, with the three choices on one row (${lang}, ${position})`, async () => {
        const { el } = await frameAt(375, 667, markup(lang, position));
        const banner = el.shadowRoot!.querySelector<HTMLElement>('[part~="banner"]')!.getBoundingClientRect();
        const share = (banner.width * banner.height) / (375 * 667);
        expect(share, `the banner is ${Math.round(banner.height)} px tall`).to.be.at.most(0.35);
        const boxes = ['accept-button', 'reject-button', 'preferences-button'].map((name) =>
          el.shadowRoot!.querySelector(`[part~="${name}"]`)!.getBoundingClientRect(),
        );
        for (const box of boxes) {
          expect(box.top, 'on one row').to.be.closeTo(boxes[0].top, 1);
          expect(box.width, 'equal width').to.be.closeTo(boxes[0].width, 1);
          expect(box.height, 'equal height').to.be.closeTo(boxes[0].height, 1);
          expect(box.bottom, 'inside the banner').to.be.at.most(banner.bottom);
        }
        const link = el.shadowRoot!.querySelector('[part~="policy-link"]')!.getBoundingClientRect();
        expect(link.height, 'the policy link is shown').to.be.greaterThan(0);
        expect(link.bottom).to.be.at.most(banner.bottom);
      });

  for (const lang of ['th', 'en'])
    it(`shows the whole text when "read more" is pressed, and its first lines before (${lang})`, async () => {
      const { win, el } = await frameAt(375, 667, markup(lang, 'bottom'));
      const text = el.shadowRoot!.querySelector<HTMLElement>('[part~="text"]')!;
      const more = el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!;
      expect(text.scrollHeight, 'clamped').to.be.greaterThan(text.clientHeight + 1);
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(more.getBoundingClientRect().height, 'a 24 px target at least').to.be.at.least(24);
      more.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await frame(win);
      expect(more.getAttribute('aria-expanded')).to.equal('true');
      expect(text.scrollHeight, 'all of it').to.be.at.most(text.clientHeight + 1);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(more.getAttribute('aria-expanded')).to.equal('false');
    });

  it('shows the whole text and no "read more" on a desktop', async () => {
    const { el } = await frameAt(1280, 800, markup('th', 'bottom'));
    const text = el.shadowRoot!.querySelector<HTMLElement>('[part~="text"]')!;
    expect(text.scrollHeight).to.be.at.most(text.clientHeight + 1);
    expect(getComputedStyle(el.shadowRoot!.querySelector('.more')!).display).to.equal('none');
  });
});
