// Issue 11, what yinyom hands out and what it reads from other scripts: snapshots out,
// own properties in, and nothing another script broke can take the notice down.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as api from '../../src/index.js';
import '../../src/define.js';
import { parseConfig } from '../../src/core/config.js';
import { decodeRecord, encodeRecord } from '../../src/core/consent-record.js';
import { memoryStorage } from '../../src/core/consent-storage.js';
import { cookieStorage } from '../../src/browser/cookie-storage.js';
import { ConsentStore } from '../../src/core/consent-store.js';
import { ScriptGate } from '../../src/browser/script-gate.js';
import type { YinyomChangeEvent, YinyomConsent } from '../../src/index.js';

declare global {
  interface Window {
    gateLog?: string[];
  }
}

const cookieName = 'yinyom-security-globals';
const quiet = { warn: () => {}, error: () => {} };

/** Adds enumerable keys to Object.prototype, as a prototype-pollution bug in another script would. */
function pollute(keys: Record<string, unknown>): () => void {
  for (const [key, value] of Object.entries(keys)) (Object.prototype as Record<string, unknown>)[key] = value;
  return () => {
    for (const key of Object.keys(keys)) delete (Object.prototype as Record<string, unknown>)[key];
  };
}

async function gated(markup: string) {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.innerHTML = markup;
  return host;
}

const script = (category: string, label: string) =>
  `<script type="text/plain" data-consent="${category}">window.gateLog.push('${label}')</script>`;

describe('security: what yinyom hands out and reads', () => {
  let el: YinyomConsent;
  beforeEach(async () => {
    window.gateLog = [];
    el = await fixture<YinyomConsent>(
      html`<yinyom-consent cookie-name=${cookieName} categories="analytics marketing"></yinyom-consent>`,
    );
  });
  afterEach(() => {
    document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
  });

  describe('snapshots out (7)', () => {
    it('hands out frozen records and events: changing them grants nothing', async () => {
      await gated(script('marketing', 'marketing'));
      let detail: YinyomChangeEvent['detail'] | undefined;
      window.addEventListener('yinyom-change', (event) => (detail = event.detail), { once: true });
      api.save({ analytics: true });
      const consent = api.getConsent()!;
      for (const snapshot of [consent, consent.categories, detail!, detail!.consent.categories, detail!.changed]) {
        expect(Object.isFrozen(snapshot)).to.equal(true);
      }
      // Modules are strict: writing a frozen object throws instead of passing silently.
      expect(() => ((consent.categories as Record<string, boolean>).marketing = true)).to.throw(TypeError);
      expect(() => ((detail!.consent.categories as Record<string, boolean>).marketing = true)).to.throw(TypeError);
      el.requestUpdate();
      await el.updateComplete;
      api.save({ analytics: true, marketing: false });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(api.hasConsent('marketing')).to.equal(false);
      expect(window.gateLog).to.deep.equal([]);
    });
  });

  describe('own properties in (8, 17)', () => {
    it('"reject all" grants nothing when Object.prototype says analytics: true', async () => {
      await gated(script('analytics', 'analytics') + script('marketing', 'marketing'));
      const restore = pollute({ analytics: true, marketing: true });
      try {
        el.rejectAll();
        expect(api.hasConsent('analytics')).to.equal(false);
        expect(api.hasConsent('marketing')).to.equal(false);
        expect(document.cookie).to.contain('|r|a0m0');
      } finally {
        restore();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(window.gateLog).to.deep.equal([]);
    });

    it('runs no marketing script on an analytics-only site when Object.prototype says marketing: true', async () => {
      await gated(script('marketing', 'marketing') + script('analytics', 'analytics'));
      const store = new ConsentStore(parseConfig({ categories: 'analytics' }).config, memoryStorage(), { log: quiet });
      store.acceptAll('th');
      const restore = pollute({ marketing: true, functional: true });
      try {
        await new ScriptGate(() => store.consent, { log: quiet }).apply();
        expect(store.hasConsent('marketing')).to.equal(false);
      } finally {
        restore();
      }
      expect(window.gateLog).to.deep.equal(['analytics']);
    });

    it('keeps a valid stored choice readable under a polluted prototype', () => {
      const value = '1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|1|th|mhz4k0w0|mhz4k0w0|c|a1m0';
      const restore = pollute({ analytics: true, marketing: false, functional: true });
      try {
        const record = decodeRecord(value);
        expect(record).to.not.equal(null);
        expect(encodeRecord(record!)).to.equal(value);
        expect(Object.keys(record!.categories)).to.deep.equal(['necessary', 'analytics', 'marketing']);
      } finally {
        restore();
      }
    });

    it('writes the cookie with its own attributes only, whatever Object.prototype holds', () => {
      const writes: string[] = [];
      Object.defineProperty(document, 'cookie', {
        configurable: true,
        get: () => '',
        set: (v: string) => writes.push(v),
      });
      const restore = pollute({ domain: 'evil.example', path: '/evil', secure: true, expires: 9999, samesite: 'None' });
      try {
        cookieStorage({ name: 'c', secure: false }).write('v', 30);
      } finally {
        restore();
        delete (document as unknown as Record<string, unknown>).cookie;
      }
      expect(writes.length).to.be.greaterThan(0);
      for (const write of writes) {
        // The value, then the page's own attributes: Path=/, SameSite=Lax, an expiry, and a
        // Domain only where stale copies are swept from this very host.
        const attributes = write
          .split('; ')
          .slice(1)
          .map((pair) => pair.split('=')[0].toLowerCase());
        expect(attributes.filter((a) => a !== 'domain').sort(), write).to.deep.equal(['expires', 'path', 'samesite']);
        expect(write).to.contain('; path=/;');
        expect(write).to.contain('; sameSite=Lax');
        expect(write).to.not.match(/evil|secure|=None/i);
        if (attributes.includes('domain')) expect(write).to.contain(`; domain=${location.hostname};`);
      }
    });

    it('reads no configuration from Object.prototype', () => {
      const restore = pollute({
        'log-url': 'https://evil.example/collect',
        'cookie-domain': 'evil.example',
        'no-settings-button': '',
      });
      try {
        const { config } = parseConfig({ categories: 'analytics' });
        expect(config.logUrl).to.equal(undefined);
        expect(config.cookieDomain).to.equal(undefined);
        expect(config.settingsButton).to.equal(true);
      } finally {
        restore();
      }
    });
  });

  describe('onConsent trusts only the element (13)', () => {
    it('ignores a yinyom-change or yinyom-ready that another script dispatches', () => {
      const called: unknown[] = [];
      const stop = api.onConsent('analytics', (consent) => called.push(consent));
      const forged = {
        consent: { categories: { necessary: true, analytics: true } },
        changed: ['analytics'],
        first: true,
      };
      window.dispatchEvent(new CustomEvent('yinyom-change', { detail: forged }));
      window.dispatchEvent(new CustomEvent('yinyom-ready', { detail: forged }));
      expect(called).to.deep.equal([]);
      expect(api.getConsent()).to.equal(null);
      api.acceptAll();
      expect(called).to.have.length(1);
      expect(called[0]).to.equal(api.getConsent());
      stop();
    });
  });

  describe('the preferences open whatever Intl does (15)', () => {
    it('shows the receipt with a date written by hand when Intl.DateTimeFormat throws', async () => {
      el.acceptAll();
      const original = Intl.DateTimeFormat;
      (Intl as { DateTimeFormat: unknown }).DateTimeFormat = function () {
        throw new RangeError('a broken Intl');
      };
      try {
        await el.showPreferences();
        await el.updateComplete;
      } finally {
        (Intl as { DateTimeFormat: unknown }).DateTimeFormat = original;
      }
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      expect(dialog.open).to.equal(true);
      const now = new Date();
      const year = now.getFullYear() + (el.language === 'th' ? 543 : 0);
      expect(el.shadowRoot!.querySelector('[part="receipt"]')!.textContent).to.contain(
        `${now.getDate()}/${now.getMonth() + 1}/${year}`,
      );
      dialog.close();
    });
  });
});

describe('security: no way to withdraw (low)', () => {
  it('warns when the settings button is hidden and the page has no data-yinyom-open', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const hidden = await fixture<YinyomConsent>(
        html`<yinyom-consent cookie-name="yinyom-security-hidden" no-settings-button></yinyom-consent>`,
      );
      await waitUntil(() => warnings.length > 0, 'no warning');
      hidden.remove();
      const link = document.createElement('a');
      link.setAttribute('data-yinyom-open', '');
      document.body.append(link);
      const withLink = await fixture<YinyomConsent>(
        html`<yinyom-consent cookie-name="yinyom-security-hidden" no-settings-button></yinyom-consent>`,
      );
      await withLink.updateComplete;
      withLink.remove();
      link.remove();
    } finally {
      console.warn = original;
    }
    expect(warnings.filter((w) => w.includes('cannot change their mind'))).to.have.length(1);
  });
});
