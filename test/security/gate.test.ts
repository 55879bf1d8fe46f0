// Issue 11, the gate: gated markup may be injected or sanitised user content (sanitisers
// keep data-* attributes), so the gate must never turn it into script, a live link or a
// re-pointed page, and one broken element must not stop the rest.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { everything } from '../helpers/notice.js';
import { providerName } from '../../src/core/embed-provider.js';
import { pageNonce, setOwnNonce } from '../../src/browser/page-nonce.js';
import { ScriptGate } from '../../src/browser/script-gate.js';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';

declare global {
  interface Window {
    pwned?: unknown;
    gateLog?: string[];
  }
}

async function page(markup: string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.innerHTML = markup;
  return host;
}

function logger() {
  const errors: string[] = [];
  const warnings: string[] = [];
  const text = (args: unknown[]) => args.map((a) => (a instanceof Element ? `<${a.localName}>` : String(a))).join(' ');
  return {
    errors,
    warnings,
    log: { error: (...a: unknown[]) => errors.push(text(a)), warn: (...a: unknown[]) => warnings.push(text(a)) },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('security: the gate', () => {
  beforeEach(() => {
    delete window.pwned;
    window.gateLog = [];
  });

  describe('never writes a script URL (1)', () => {
    // Every spelling the URL parser reads as javascript:, as markup (entities decoded by
    // the HTML parser) and as attribute values set from script (control characters).
    const markup = [
      'javascript:parent.pwned=1',
      'JavaScript:parent.pwned=1',
      ' javascript:parent.pwned=1',
      'java&#x09;script:parent.pwned=1',
      'java&#x0A;script:parent.pwned=1',
      'javascript&colon;parent.pwned=1',
      '&#106;avascript:parent.pwned=1',
    ];
    const raw = ['\u0001javascript:parent.pwned=1', '\u0000 javascript:parent.pwned=1', 'java\tscript:parent.pwned=1'];

    it('leaves a javascript: iframe inert after consent, and says so once per frame', async () => {
      const host = await page(
        markup.map((url) => `<iframe data-consent="marketing" data-src="${url}"></iframe>`).join(''),
      );
      for (const url of raw) {
        const frame = document.createElement('iframe');
        frame.setAttribute('data-consent', 'marketing');
        frame.setAttribute('data-src', url);
        host.append(frame);
      }
      const { errors, log } = logger();
      const gate = new ScriptGate(everything, { log });
      await gate.apply();
      await gate.apply();
      await settle();
      const frames = Array.from(host.querySelectorAll('iframe'));
      expect(frames).to.have.length(markup.length + raw.length);
      for (const frame of frames) expect(frame.hasAttribute('src'), frame.getAttribute('data-src')!).to.equal(false);
      expect(window.pwned).to.equal(undefined);
      expect(errors).to.have.length(frames.length);
      expect(errors[0]).to.contain(
        'this gated <iframe> stays inert: data-src must be an http:, https: or relative URL',
      );
    });

    it('keeps "show this one only" from loading it, and offers no placeholder for it', async () => {
      const host = await page(
        '<iframe data-consent="marketing" data-src="javascript:parent.pwned=1" title="x"></iframe>',
      );
      const frame = host.querySelector('iframe')!;
      const { log } = logger();
      const gate = new ScriptGate(() => null, { log, blocked: () => expect.fail('a refused frame got a placeholder') });
      await gate.apply();
      await gate.activate(frame);
      await settle();
      expect(frame.hasAttribute('src')).to.equal(false);
      expect(window.pwned).to.equal(undefined);
    });

    it('puts no placeholder in place of a refused frame on a real page', async () => {
      const cookieName = 'yinyom-security-gate';
      const host = await page(
        '<iframe data-consent="marketing" data-src="javascript:parent.pwned=1" title="x"></iframe>',
      );
      const el = await fixture<YinyomConsent>(
        html`<yinyom-consent cookie-name=${cookieName} categories="marketing"></yinyom-consent>`,
      );
      try {
        await settle();
        expect(host.querySelector('yinyom-placeholder')).to.equal(null);
        el.acceptAll();
        await settle();
        expect(host.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
        expect(window.pwned).to.equal(undefined);
      } finally {
        el.reset();
        document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
      }
    });

    it('refuses data:, blob: and vbscript: frames but loads http(s) and relative ones', async () => {
      const host = await page(
        '<iframe data-consent="marketing" data-src="data:text/html,<script>parent.pwned=1</script>"></iframe>' +
          '<iframe data-consent="marketing" data-src="blob:https://example.com/x"></iframe>' +
          '<iframe data-consent="marketing" data-src="vbscript:x"></iframe>' +
          '<iframe data-consent="marketing" data-src="/test/fixtures/embed.html"></iframe>' +
          '<iframe data-consent="marketing" data-src="//127.0.0.1:1/x"></iframe>',
      );
      await new ScriptGate(everything, { log: logger().log }).apply();
      const srcs = Array.from(host.querySelectorAll('iframe'), (frame) => frame.getAttribute('src'));
      expect(srcs).to.deep.equal([null, null, null, '/test/fixtures/embed.html', '//127.0.0.1:1/x']);
    });

    it('takes data:image only for images, and checks every srcset candidate', async () => {
      const gif = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      const host = await page(
        `<img data-consent="analytics" data-src="${gif}" alt="">` +
          `<img data-consent="analytics" data-srcset="${gif} 1x, /a.png 2x" alt="">` +
          '<img data-consent="analytics" data-srcset="/a.png 1x, javascript:parent.pwned=1 2x" alt="">' +
          `<video data-consent="analytics" data-src="${gif}"></video>`,
      );
      const { errors, log } = logger();
      await new ScriptGate(everything, { log }).apply();
      const [image, set, bad] = Array.from(host.querySelectorAll('img'));
      expect(image.getAttribute('src')).to.equal(gif);
      expect(set.getAttribute('srcset')).to.equal(`${gif} 1x, /a.png 2x`);
      expect(bad.hasAttribute('srcset')).to.equal(false);
      expect(host.querySelector('video')!.hasAttribute('src')).to.equal(false);
      expect(errors).to.have.length(2);
    });
  });

  describe('writes only on the elements README lists (2)', () => {
    it('gives no <a>, <area>, SVG <a> or <form> a live link, and leaves <base> alone', async () => {
      const before = document.baseURI;
      const host = await page(
        '<a data-consent="marketing" data-href="javascript:parent.pwned=1">link</a>' +
          '<a data-consent="marketing" data-href="https://example.com/">plain link</a>' +
          '<map name="m"><area data-consent="marketing" data-href="javascript:parent.pwned=1" alt="x"></map>' +
          '<svg><a data-consent="marketing" data-href="javascript:parent.pwned=1"><text>x</text></a></svg>' +
          '<base data-consent="analytics" data-href="https://evil.example/">' +
          '<form data-consent="marketing" data-href="javascript:parent.pwned=1"></form>' +
          '<link data-consent="analytics" rel="preload" as="script" data-href="/test/fixtures/gated-a.js">' +
          '<iframe data-consent="marketing" data-href="/test/fixtures/embed.html"></iframe>',
      );
      const { errors, log } = logger();
      await new ScriptGate(everything, { log }).apply();
      for (const element of Array.from(host.querySelectorAll('a, area, base, form, link, iframe'))) {
        expect(element.hasAttribute('href'), element.outerHTML).to.equal(false);
        expect(element.hasAttribute('src'), element.outerHTML).to.equal(false);
      }
      expect(document.baseURI).to.equal(before);
      expect(errors).to.have.length(8);
      expect(errors.some((e) => e.includes('not on <base>'))).to.equal(true);
      expect(errors.some((e) => e.includes('a gated <link> must be rel="stylesheet"'))).to.equal(true);
      expect(errors.some((e) => e.includes('<iframe> takes data-src, not data-href'))).to.equal(true);
    });
  });

  describe('revives a script only as trusted as its original (3)', () => {
    afterEach(() => setOwnNonce(undefined));

    const scripts =
      '<script type="text/plain" data-consent="analytics">window.gateLog.push("no nonce")</script>' +
      '<script type="text/plain" data-consent="analytics" nonce="other">window.gateLog.push("wrong nonce")</script>' +
      '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>' +
      '<script type="text/plain" data-consent="analytics" nonce="n0nce">window.gateLog.push("page nonce")</script>';

    it("leaves a gated script without yinyom's nonce inert, with an error saying to add it", async () => {
      await page(scripts);
      setOwnNonce('n0nce');
      const { errors, log } = logger();
      await new ScriptGate(everything, { log }).apply();
      expect(window.gateLog).to.deep.equal(['page nonce']);
      expect(errors).to.have.length(3);
      expect(errors[0]).to.contain("Add the page's nonce");
    });

    it('runs them all where yinyom runs under no nonce', async () => {
      await page(scripts);
      await new ScriptGate(everything, { log: logger().log }).apply();
      expect(window.gateLog).to.deep.equal(['no nonce', 'wrong nonce', 'external-a', 'page nonce']);
    });

    it('reads the npm build\'s nonce from <meta property="csp-nonce"> in the head only', () => {
      const meta = document.createElement('meta');
      meta.setAttribute('property', 'csp-nonce');
      meta.setAttribute('nonce', 'from-head');
      const injected = meta.cloneNode() as HTMLMetaElement;
      injected.setAttribute('nonce', 'from-body');
      document.body.prepend(injected);
      try {
        expect(pageNonce()).to.equal(undefined);
        document.head.append(meta);
        expect(pageNonce()).to.equal('from-head');
        setOwnNonce('own');
        expect(pageNonce(), "yinyom's own script tag comes first").to.equal('own');
      } finally {
        meta.remove();
        injected.remove();
      }
    });

    it('never copies an inline event handler, and refuses script URLs and unknown data-type', async () => {
      const host = await page(
        '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-b.js" onload="parent.pwned=1"></script>' +
          '<script type="text/plain" data-consent="analytics" src="data:text/javascript,parent.pwned=1"></script>' +
          '<script type="text/plain" data-consent="analytics" src=" javascript:parent.pwned=1"></script>' +
          '<script type="text/plain" data-consent="analytics" data-type="importmap">{"imports":{}}</script>',
      );
      const { errors, log } = logger();
      await new ScriptGate(everything, { log }).apply();
      await settle();
      expect(window.gateLog).to.deep.equal(['external-b']);
      expect(window.pwned).to.equal(undefined);
      expect(host.querySelector('script[src$="gated-b.js"]:not([type])')!.hasAttribute('onload')).to.equal(false);
      expect(errors.filter((e) => e.includes('onload on this gated <script> was not copied'))).to.have.length(1);
      expect(errors.filter((e) => e.includes('src must be an http:, https: or relative URL'))).to.have.length(2);
      expect(errors.filter((e) => e.includes('data-type may only be "module"'))).to.have.length(1);
    });
  });

  describe('survives a broken element (11)', () => {
    it('logs one error and goes on with the rest, this pass and the next', async () => {
      const host = await page(
        '<img data-consent="analytics" data-src="/a.png" alt="">' +
          '<script type="text/plain" data-consent="analytics">window.gateLog.push("after")</script>',
      );
      // A page script (or a polyfill) broke this element.
      host.querySelector('img')!.setAttribute = () => {
        throw new Error('broken element');
      };
      const { errors, log } = logger();
      const gate = new ScriptGate(everything, { log });
      let rejected = false;
      await gate.apply().catch(() => (rejected = true));
      expect(rejected).to.equal(false);
      expect(window.gateLog).to.deep.equal(['after']);
      expect(errors.filter((e) => e.includes('could not be made live'))).to.have.length(1);
      host.insertAdjacentHTML(
        'beforeend',
        '<script type="text/plain" data-consent="analytics">window.gateLog.push("later")</script>',
      );
      await gate.apply();
      expect(window.gateLog).to.deep.equal(['after', 'later']);
    });

    it('keeps its queue alive when a whole pass fails', async () => {
      await page('<script type="text/plain" data-consent="analytics">window.gateLog.push("ran")</script>');
      let calls = 0;
      const { errors, log } = logger();
      const gate = new ScriptGate(
        () => {
          if (++calls === 1) throw new Error('a broken consent source');
          return everything();
        },
        { log },
      );
      await gate.apply();
      await gate.apply();
      expect(window.gateLog).to.deep.equal(['ran']);
      expect(errors.length).to.be.greaterThan(0);
    });
  });

  describe('says what a webmaster got wrong (16 and low)', () => {
    it('errors on a data-consent script or frame that is live already, instead of staying silent', async () => {
      await page(
        '<script data-consent="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>' +
          '<script data-consent="analytics" type="module" src="/x.js"></script>' +
          '<iframe data-consent="marketing" src="/test/fixtures/embed.html"></iframe>' +
          '<iframe data-consent="marketing" src="about:blank" data-src="/test/fixtures/embed.html"></iframe>',
      );
      const { errors, warnings, log } = logger();
      const gate = new ScriptGate(() => null, { log });
      await gate.apply();
      await gate.apply();
      expect(errors.filter((e) => e.includes('ran before any choice: gating needs type="text/plain"'))).to.have.length(
        2,
      );
      expect(errors.filter((e) => e.includes('Rename src to data-src'))).to.have.length(1);
      expect(warnings).to.deep.equal([]);
    });

    it('names a data-consent category that is misspelt, or that the site does not ask about', async () => {
      await page(
        '<script type="text/plain" data-consent="analitics">window.gateLog.push("typo")</script>' +
          '<script type="text/plain" data-consent="!analitics">window.gateLog.push("!typo")</script>' +
          '<script type="text/plain" data-consent="marketing">window.gateLog.push("unused")</script>' +
          '<script type="text/plain" data-consent="">window.gateLog.push("empty")</script>' +
          '<script type="text/plain" data-consent="analytics necessary">window.gateLog.push("fine")</script>',
      );
      const { errors, log } = logger();
      const gate = new ScriptGate(() => null, { log, categories: () => ['analytics'] });
      await gate.apply();
      await gate.apply();
      expect(errors).to.have.length(4);
      expect(errors[0]).to.contain('data-consent="analitics" names "analitics", which is not a category');
      expect(errors[1]).to.contain('data-consent="!analitics" names "analitics"');
      expect(errors[2]).to.contain('names "marketing", which this site does not ask about (categories="analytics")');
      expect(errors[3]).to.contain('names no category');
    });

    it("does not lend a known provider's name to a look-alike host (low)", () => {
      expect(providerName('https://www.google.evil.example/maps/embed')).to.equal('google.evil.example');
      expect(providerName('https://evil.example/www.google.com/maps')).to.equal('evil.example');
      expect(providerName('https://www.google.co.th/maps/embed?pb=1')).to.equal('Google Maps');
      expect(providerName('https://maps.google.com/maps?q=1')).to.equal('Google Maps');
      expect(providerName('https://www.google.com/search')).to.equal('google.com');
    });
  });

  it("reports a gated script the page's policy blocks only for scripts it revived", async () => {
    const { errors, log } = logger();
    const gate = new ScriptGate(everything, { log });
    gate.observe();
    try {
      const host = await page('<script type="text/plain" data-consent="analytics">window.gateLog.push("x")</script>');
      await gate.apply();
      const revived = host.querySelector('script')!;
      const violation = (target: Element) =>
        target.dispatchEvent(
          new SecurityPolicyViolationEvent('securitypolicyviolation', {
            bubbles: true,
            composed: true,
            violatedDirective: 'script-src-elem',
            effectiveDirective: 'script-src-elem',
            originalPolicy: '',
            disposition: 'enforce',
            statusCode: 200,
            blockedURI: 'inline',
          }),
        );
      violation(document.createElement('script'));
      violation(revived);
      violation(revived);
      await waitUntil(() => errors.length > 0);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('Content-Security-Policy (script-src-elem) blocked this gated script');
    } finally {
      gate.disconnect();
    }
  });
});
