import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { YinyomConsent, YinyomPlaceholder } from '../../src/index.js';
import { providerName } from '../../src/core/embed-provider.js';
import { th } from '../../locales/th.js';
import { en } from '../../locales/en.js';

const cookieName = 'yinyom-placeholder-test';

async function page(lang: string) {
  const host = await fixture<HTMLElement>(html`<div>
    <iframe data-consent="marketing" data-src="/test/fixtures/embed.html#video" title="วิดีโอแนะนำเทศบาล" width="560" height="315"></iframe>
    <yinyom-consent cookie-name=${cookieName} categories="analytics marketing" lang=${lang}></yinyom-consent>
  </div>`);
  const el = host.querySelector('yinyom-consent') as YinyomConsent;
  const frame = host.querySelector('iframe')!;
  await waitUntil(() => host.querySelector('yinyom-placeholder'), 'no placeholder appeared');
  // Defined by the second file (extra.ts): the placeholder upgrades when it has loaded.
  await customElements.whenDefined('yinyom-placeholder');
  const placeholder = host.querySelector('yinyom-placeholder') as YinyomPlaceholder;
  await placeholder.updateComplete;
  return { host, el, frame, placeholder };
}

const button = (placeholder: YinyomPlaceholder, name: string) =>
  placeholder.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${name}"]`)!;

describe('<yinyom-placeholder> in place of a gated iframe', () => {
  afterEach(() => {
    document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
  });

  it('stands where the frame is, its size, saying what and why, in Thai', async () => {
    const { frame, placeholder } = await page('th');
    expect(placeholder.nextElementSibling).to.equal(frame);
    expect(getComputedStyle(frame).display).to.equal('none');
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(placeholder.style.width).to.equal('560px');
    expect(placeholder.shadowRoot!.textContent).to.contain(
      th.placeholder('', th.categories.marketing.title).slice(0, 14),
    );
    expect(button(placeholder, 'load-once-button').textContent.trim()).to.equal(th.loadOnce);
    await expect(placeholder).to.be.accessible();
  });

  it('is accessible in English too', async () => {
    const { placeholder } = await page('en');
    expect(button(placeholder, 'allow-button').textContent.trim()).to.equal(
      en.allowCategory(en.categories.marketing.title),
    );
    await expect(placeholder).to.be.accessible();
  });

  it('"show this one only" loads this frame and stores no consent', async () => {
    const { el, frame, placeholder } = await page('th');
    button(placeholder, 'load-once-button').click();
    await waitUntil(() => frame.getAttribute('src') === '/test/fixtures/embed.html#video');
    expect(placeholder.isConnected).to.equal(false);
    expect(getComputedStyle(frame).display).to.not.equal('none');
    expect(el.getConsent()).to.equal(null);
  });

  it('"allow" grants the category, keeps the rest of the choice, and loads the frame', async () => {
    const { el, frame, placeholder } = await page('th');
    el.save({ analytics: true });
    await el.updateComplete;
    button(placeholder, 'allow-button').click();
    await waitUntil(() => frame.getAttribute('src') === '/test/fixtures/embed.html#video');
    expect(el.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: true, marketing: true });
    expect(placeholder.isConnected).to.equal(false);
  });
});

describe('<yinyom-placeholder> in a small frame', () => {
  afterEach(() => {
    document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
  });

  /** A frame of this size between two of the page's buttons, as in a sidebar. */
  async function small(width: number, height: number, lang: string) {
    const host = await fixture<HTMLElement>(html`<div style="font-size: 16px">
      <button id="above">above</button>
      <iframe data-consent="marketing" data-src="https://www.youtube-nocookie.com/embed/x" title="video" width=${width} height=${height}></iframe>
      <button id="below">below</button>
      <yinyom-consent cookie-name=${cookieName} categories="analytics marketing" lang=${lang}></yinyom-consent>
    </div>`);
    await waitUntil(() => host.querySelector('yinyom-placeholder'), 'no placeholder appeared');
    const placeholder = host.querySelector('yinyom-placeholder') as YinyomPlaceholder;
    await placeholder.updateComplete;
    return { host, placeholder };
  }

  for (const [width, height] of [
    [320, 180],
    [200, 120],
  ] as const) {
    for (const lang of ['th', 'en']) {
      it(`keeps its content inside a ${width}×${height} frame, over nothing of the page (${lang})`, async () => {
        const { host, placeholder } = await small(width, height, lang);
        const box = placeholder.getBoundingClientRect();
        expect([Math.round(box.width), Math.round(box.height)], "the frame's size").to.deep.equal([width, height]);
        const inner = placeholder.shadowRoot!.querySelector<HTMLElement>('[part="placeholder"]')!;
        const own = inner.getBoundingClientRect();
        expect(own.top).to.be.at.least(box.top - 0.5);
        expect(own.bottom).to.be.at.most(box.bottom + 0.5);
        // Whatever does not fit scrolls inside the box: every button can still be reached.
        for (const button of Array.from(placeholder.shadowRoot!.querySelectorAll('button'))) {
          button.scrollIntoView({ block: 'nearest' });
          const rect = button.getBoundingClientRect();
          expect(rect.top, `${button.textContent} is scrolled into the box`).to.be.at.least(own.top - 0.5);
          expect(rect.bottom).to.be.at.most(own.bottom + 0.5);
          expect(rect.height, 'target size').to.be.at.least(24);
        }
        // The page's neighbouring controls stay where a click finds them.
        for (const id of ['above', 'below']) {
          const neighbour = host.querySelector<HTMLElement>(`#${id}`)!;
          neighbour.scrollIntoView({ block: 'center' });
          const rect = neighbour.getBoundingClientRect();
          expect(document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2)).to.equal(neighbour);
        }
        await expect(placeholder).to.be.accessible();
      });
    }
  }
});

describe('providerName', () => {
  it('names the usual embeds, and falls back to the host', () => {
    expect(providerName('https://www.youtube-nocookie.com/embed/x')).to.equal('YouTube');
    expect(providerName('https://youtu.be/x')).to.equal('YouTube');
    expect(providerName('https://www.google.com/maps/embed?pb=1')).to.equal('Google Maps');
    expect(providerName('https://www.facebook.com/plugins/video.php')).to.equal('Facebook');
    expect(providerName('https://player.vimeo.com/video/1')).to.equal('Vimeo');
    expect(providerName('https://www.example.go.th/widget')).to.equal('example.go.th');
    expect(providerName('')).to.equal('');
    expect(providerName('http://[bad')).to.equal('');
  });
});
