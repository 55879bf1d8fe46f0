// The preferences come from the second file (src/extra.ts), loaded on first use. Nothing else
// in this file loads it first, so the first opening here is the cold one a visitor meets:
// by keyboard, focus still moves into the dialog and comes back after (WCAG 2.4.3).
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';
import { en } from '../../locales/en.js';
import { forgetNotices, notice } from '../helpers/notice.js';

const part = (el: YinyomConsent, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const dialog = (el: YinyomConsent) => el.shadowRoot!.querySelector('dialog');
// <yinyom-placeholder> is registered by the second file: defined means it has arrived.
const arrived = () => customElements.get('yinyom-placeholder') !== undefined;

describe('the preferences from the second file', () => {
  afterEach(forgetNotices);

  it('are not in the page until opened, and a first visit does not load them', async () => {
    const el = await notice('extra');
    expect(dialog(el), 'no dialog before it is opened').to.equal(null);
    expect(arrived(), 'nothing asked for the second file yet').to.equal(false);
    expect(el.shadowRoot!.adoptedStyleSheets, "the preferences' styles are not parsed").to.have.length(1);
  });

  it('open cold by keyboard: focus moves into the dialog, and back to "choose" on Escape', async () => {
    const el = await notice('extra');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    part(el, 'preferences-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog(el)?.open, 'Enter opened the preferences');
    const opened = dialog(el)!;
    expect(opened.matches(':modal')).to.equal(true);
    expect(el.shadowRoot!.getElementById(opened.getAttribute('aria-labelledby')!)!.textContent).to.equal(
      en.preferencesTitle,
    );
    expect(opened.contains(el.shadowRoot!.activeElement), 'focus is inside the dialog').to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => dialog(el) === null, 'Escape closed the preferences, and they left the page');
    await waitUntil(
      () => el.shadowRoot!.activeElement === part(el, 'preferences-button'),
      'focus came back to "choose"',
    );
  });

  it("a first visit's stand-in banner has no close: the visitor has not chosen yet", async () => {
    const el = await notice('extra');
    (el as unknown as { _extra: { failed: boolean } })._extra.failed = true;
    el.requestUpdate();
    await el.updateComplete;
    expect(part(el, 'notice')).to.exist;
    expect(part(el, 'close-button')).to.equal(null);
  });

  it('stand-in banner: says why, takes focus, is accessible, and a returning visitor may close it', async () => {
    const el = await notice('extra');
    el.setAttribute('lang', 'en');
    el.acceptAll();
    await el.updateComplete;
    // The npm build cannot be made to fail to load its chunk here; the script-tag build's
    // missing and tampered files are tested for real in test/bundle.test.ts. This sets the
    // state a failed load leaves, to check what the visitor then meets.
    (el as unknown as { _extra: { failed: boolean } })._extra.failed = true;
    el.requestUpdate();
    await el.updateComplete;
    expect(part(el, 'settings-button'), 'the banner stands in for the settings button').to.equal(null);
    expect(part(el, 'notice')!.textContent).to.equal(en.preferencesUnavailable);
    await expect(el).to.be.accessible();
    // A returning visitor may also leave it as it is: back to the settings button, focused.
    const close = part(el, 'close-button')!;
    expect(close.textContent).to.equal(en.close);
    close.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'settings-button'), 'focus on the settings button');
    expect(el.hasConsent('analytics'), 'closing is not a choice').to.equal(true);
    (el as unknown as { _extra: { failed: boolean } })._extra.failed = true;
    el.requestUpdate();
    await el.updateComplete;
    part(el, 'reject-button')!.click();
    await el.updateComplete;
    expect(el.hasConsent('analytics'), 'withdrawn from the stand-in').to.equal(false);
    expect(part(el, 'settings-button'), 'and back to normal after the choice').to.exist;
  });
});
