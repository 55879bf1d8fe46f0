import { expect, fixture, html } from '@open-wc/testing';
import * as api from '../src/index.js';
import '../src/define.js';
import type { YinyomConsent } from '../src/index.js';
import { mountFromScript } from '../src/mount-from-script.js';

const cookieName = 'yinyom-api-test';

function captureErrors(): { errors: string[]; restore: () => void } {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  return { errors, restore: () => (console.error = original) };
}

describe('module API without an element', () => {
  it('answers "no choice" and says how to fix a call that needs the element', async () => {
    expect(api.getConsent()).to.equal(null);
    expect(api.hasConsent('analytics')).to.equal(false);
    expect(api.hasConsent('necessary')).to.equal(true);
    const { errors, restore } = captureErrors();
    try {
      expect(api.acceptAll()).to.equal(null);
      api.reset();
      await api.showPreferences();
    } finally {
      restore();
    }
    expect(errors).to.have.length(3);
    expect(errors[0]).to.contain('acceptAll() found no <yinyom-consent>');
  });
});

describe('module API', () => {
  let el: YinyomConsent;
  beforeEach(async () => {
    el = await fixture<YinyomConsent>(
      html`<yinyom-consent cookie-name=${cookieName} categories="analytics marketing"></yinyom-consent>`,
    );
  });
  afterEach(() => {
    document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
  });

  it("acts on the page's element", async () => {
    expect(api.getConsent()).to.equal(null);
    const record = api.save({ analytics: true });
    expect(record!.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    expect(api.getConsent()).to.deep.equal(record);
    expect(api.hasConsent('analytics')).to.equal(true);
    expect(api.rejectAll()!.method).to.equal('reject-all');
    expect(api.acceptAll()!.method).to.equal('accept-all');
    await api.showPreferences();
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    api.reset();
    expect(api.getConsent()).to.equal(null);
  });

  it('onConsent waits for the grant, calls back once, and can be cancelled', () => {
    const calls: string[] = [];
    api.onConsent('analytics', () => calls.push('analytics'));
    const cancel = api.onConsent('marketing', () => calls.push('marketing'));
    api.rejectAll();
    expect(calls).to.deep.equal([]);
    cancel();
    api.acceptAll();
    api.save({ analytics: true });
    api.acceptAll();
    expect(calls).to.deep.equal(['analytics']);
    api.onConsent('analytics', () => calls.push('at once'));
    expect(calls).to.deep.equal(['analytics', 'at once']);
  });

  it('onConsent survives a callback that throws', () => {
    const { errors, restore } = captureErrors();
    try {
      api.onConsent('analytics', () => {
        throw new Error('boom');
      });
      api.acceptAll();
    } finally {
      restore();
    }
    expect(errors.some((e) => e.includes("onConsent('analytics') callback threw"))).to.equal(true);
  });
});

describe('mountFromScript', () => {
  it('adds a configured element when the page has none, and reuses one that exists', () => {
    const doc = document.implementation.createHTMLDocument('page');
    const script = doc.createElement('script');
    script.dataset.policyUrl = '/privacy';
    script.dataset.categories = 'analytics marketing';
    script.setAttribute('data-no-settings-button', '');
    script.dataset.unrelated = 'x';
    const element = mountFromScript(script, doc);
    expect(element.parentElement).to.equal(doc.body);
    expect(element.getAttribute('policy-url')).to.equal('/privacy');
    expect(element.getAttribute('categories')).to.equal('analytics marketing');
    expect(element.hasAttribute('no-settings-button')).to.equal(true);
    expect(element.hasAttribute('unrelated')).to.equal(false);
    expect(mountFromScript(null, doc)).to.equal(element);
    const other = document.implementation.createHTMLDocument('page with texts');
    other.body.innerHTML =
      '<footer><script type="application/json" data-yinyom-texts>{"messages": {}}</script></footer>';
    const mounted = mountFromScript(null, other);
    expect(mounted.querySelector('script[data-yinyom-texts]')!.textContent).to.equal('{"messages": {}}');
    expect(other.querySelector('footer')!.children).to.have.length(0);
    expect(doc.querySelectorAll('yinyom-consent')).to.have.length(1);
  });
});
