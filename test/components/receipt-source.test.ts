// What a receipt says about the choice it records (issue 15): where it was made, what it was,
// which wording was shown; and the visitor's own copy of it from the preferences.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentReceipt } from '../../src/browser/receipt.js';
import type { YinyomConsent, YinyomPlaceholder } from '../../src/index.js';
import { th } from '../../locales/th.js';

let counter = 0;
const names: string[] = [];
const sent: ConsentReceipt[] = [];
const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'sendBeacon');

async function page(extra = html``) {
  const name = `yinyom-receipt-source-${Date.now()}-${counter++}`;
  names.push(name);
  const host = await fixture<HTMLElement>(html`<div>
    ${extra}
    <yinyom-consent cookie-name=${name} categories="analytics marketing" log-url="/receipts" lang="th" org="เทศบาล">
    </yinyom-consent>
  </div>`);
  const el = host.querySelector<YinyomConsent>('yinyom-consent')!;
  await el.updateComplete;
  return { host, el };
}
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const last = async () => {
  await waitUntil(() => sent.length > 0, 'no receipt was sent');
  return sent[sent.length - 1];
};

describe('receipts say where, what and which wording', () => {
  beforeEach(() => {
    sent.length = 0;
    // The receipt travels by sendBeacon: record it instead of posting it.
    Object.defineProperty(Navigator.prototype, 'sendBeacon', {
      configurable: true,
      value: (_url: string, data: Blob) => {
        void data.text().then((text) => sent.push(JSON.parse(text) as ConsentReceipt));
        return true;
      },
    });
  });
  afterEach(() => {
    Object.defineProperty(Navigator.prototype, 'sendBeacon', original!);
    for (const name of names.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
  });

  it('a choice in the banner: source "banner", event "first", the wording digest', async () => {
    const { el } = await page();
    part(el, 'reject-button').click();
    const receipt = await last();
    expect([receipt.source, receipt.event, receipt.method]).to.deep.equal(['banner', 'first', 'reject-all']);
    expect(receipt.noticeDigest).to.match(/^sha256-[A-Za-z0-9_-]{43}$/);
    // The same notice, the same digest; another language, another.
    el.rejectAll();
    el.lang = 'en';
    await el.updateComplete;
    el.acceptAll();
    const english = await waitUntil(() => sent.length === 2 && sent[1]).then(() => sent[1]);
    expect(english.source).to.equal('api');
    expect(english.noticeDigest).to.not.equal(receipt.noticeDigest);
  });

  it('a save in the preferences: source "preferences"; a page script: "api"', async () => {
    const { el } = await page();
    await el.showPreferences();
    part(el, 'save-button').click();
    expect((await last()).source).to.equal('preferences');
    el.save({ analytics: true });
    await waitUntil(() => sent.length === 2);
    expect([sent[1].source, sent[1].event]).to.deep.equal(['api', 'change']);
  });

  it('a placeholder\'s "allow": source "placeholder"', async () => {
    const { host } = await page(
      html`<iframe data-consent="marketing" data-src="/test/fixtures/embed.html" title="วิดีโอ"></iframe>`,
    );
    await waitUntil(() => host.querySelector('yinyom-placeholder'), 'no placeholder');
    await customElements.whenDefined('yinyom-placeholder');
    const placeholder = host.querySelector<YinyomPlaceholder>('yinyom-placeholder')!;
    await placeholder.updateComplete;
    part(placeholder, 'allow-button').click();
    const receipt = await last();
    expect([receipt.source, receipt.categories.marketing]).to.deep.equal(['placeholder', true]);
  });

  it('the visitor copies their own receipt from the preferences, in their language', async () => {
    const { el } = await page();
    el.save({ analytics: true });
    await el.showPreferences();
    const copy = part(el, 'copy-receipt-button');
    expect(copy.textContent.trim()).to.equal(th.copyReceipt);
    let copied: string | undefined;
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      configurable: true,
      get: () => ({
        writeText: (text: string) => {
          copied = text;
          return Promise.resolve();
        },
      }),
    });
    try {
      copy.click();
      await waitUntil(() => copied !== undefined, 'nothing was copied');
    } finally {
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
      else delete (Navigator.prototype as { clipboard?: unknown }).clipboard;
    }
    const consent = el.getConsent()!;
    expect(copied).to.contain(consent.id);
    expect(copied).to.contain(`${th.categories.analytics.title}: ✓`);
    expect(copied).to.contain(`${th.categories.marketing.title}: ✗`);
    await waitUntil(() => part(el, 'status').textContent.includes(th.copied), 'the copy was not confirmed');
    await expect(el).to.be.accessible();
  });

  it('without a clipboard (plain http), the receipt is selected and the visitor told how to copy it', async () => {
    const { el } = await page();
    el.rejectAll();
    await el.showPreferences();
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    try {
      part(el, 'copy-receipt-button').click();
      await waitUntil(() => part(el, 'status').textContent.includes(th.copyByHand), 'no instruction');
    } finally {
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
      else delete (Navigator.prototype as { clipboard?: unknown }).clipboard;
    }
  });
});
