// Issue 11, as a webmaster's page meets it: dist/yinyom.min.js on pages where another
// script broke a global, or a policy (CSP, Trusted Types) is enforced. `npm test` builds
// the file first. Each page loads test/fixtures/security/capture.js, which records the
// console, policy violations and what gated code ran.
import { expect, waitUntil } from '@open-wc/testing';
import type { YinyomConsent } from '../../src/index.js';

type PageWindow = Window &
  typeof globalThis & {
    ran: string[];
    logged: string[];
    violations: string[];
    yinyom: typeof import('../../src/page-api.js');
  };

const frames: HTMLIFrameElement[] = [];
const PAGES = '/test/fixtures/security';

async function open(page: string): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:800px;height:600px';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGES}/${page}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PageWindow;
  await waitUntil(
    () => win.document.querySelector('yinyom-consent')?.shadowRoot,
    `no notice on ${page}: ${win.logged}`,
  );
  await element(win).updateComplete;
  return win;
}

const element = (win: PageWindow) => win.document.querySelector('yinyom-consent') as YinyomConsent;
const banner = (win: PageWindow) => element(win).shadowRoot!.querySelector('[part~="banner"]');
const said = (win: PageWindow, text: string) => win.logged.filter((line) => line.includes(text));

describe('security: pages with a broken global or an enforced policy', () => {
  beforeEach(() => {
    document.cookie = 'yinyom-security=; Path=/; Max-Age=0';
  });
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
    document.cookie = 'yinyom-security=; Path=/; Max-Age=0';
  });

  describe('Trusted Types (12)', () => {
    const supported = 'trustedTypes' in window;

    it('revives gated scripts through the "yinyom" policy, with no violation', async function () {
      if (!supported) this.skip();
      const win = await open('trusted-types.html');
      expect(banner(win)).to.exist;
      win.yinyom.acceptAll();
      await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}; logged: ${win.logged}`);
      expect(win.ran).to.deep.equal(['inline', 'external']);
      expect(win.violations).to.deep.equal([]);
      expect(said(win, 'yinyom:')).to.deep.equal([]);
    });

    it('says how to allow the policy when the page does not list it, and runs nothing', async function () {
      if (!supported) this.skip();
      const win = await open('trusted-types-unlisted.html');
      win.yinyom.acceptAll();
      await waitUntil(() => said(win, 'trusted-types lit-html yinyom').length === 1, `logged: ${win.logged}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(win.ran).to.deep.equal([]);
    });
  });

  it('names the gated inline script a script-src policy blocked, and how to allow it (low)', async () => {
    const win = await open('script-src-self.html');
    win.yinyom.acceptAll();
    await waitUntil(() => win.ran.includes('external'), `ran: ${win.ran}; logged: ${win.logged}`);
    await waitUntil(() => said(win, 'Content-Security-Policy (script-src').length === 1, `logged: ${win.logged}`);
    expect(said(win, "Give it the page's nonce")).to.have.length(1);
    expect(win.ran).to.deep.equal(['external']);
  });

  it('publishes window.yinyom over an element named id="yinyom" (14)', async () => {
    const win = await open('named-access.html');
    expect(typeof win.yinyom.acceptAll).to.equal('function');
    win.yinyom.acceptAll();
    await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}`);
    expect(win.document.getElementById('yinyom')!.textContent).to.contain("A site's own element");
  });

  it('replaces a window.yinyom getter that throws, and mounts (14)', async () => {
    const win = await open('throwing-global.html');
    expect(typeof win.yinyom.acceptAll).to.equal('function');
    expect(banner(win)).to.exist;
  });

  it('mounts, and says so once, when window.yinyom cannot be replaced (14)', async () => {
    const win = await open('locked-global.html');
    expect(banner(win)).to.exist;
    expect(said(win, 'window.yinyom is taken by another script')).to.have.length(1);
    // The element still answers: a visitor can choose, and gated scripts follow.
    element(win).acceptAll();
    await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}`);
  });

  for (const page of ['frozen-datalayer.html', 'throwing-datalayer.html']) {
    it(`shows the notice and gates as usual with a broken dataLayer: ${page} (10)`, async () => {
      const win = await open(page);
      expect(banner(win)).to.exist;
      expect(said(win, 'window.dataLayer could not take the Consent Mode signals').length).to.be.greaterThan(0);
      win.yinyom.acceptAll();
      await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}`);
    });
  }

  it('shows the notice, and a choice holds for the page view, when a script blocks document.cookie (9)', async () => {
    const win = await open('cookie-blocker.html');
    expect(banner(win)).to.exist;
    expect(() => win.yinyom.acceptAll()).not.to.throw();
    expect(win.yinyom.hasConsent('analytics')).to.equal(true);
    await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}`);
    expect(said(win, 'cannot read cookies')).to.have.length(1);
    expect(said(win, 'refused to store the consent cookie')).to.have.length(1);
  });

  it('works in a sandboxed frame without allow-same-origin, where document.cookie throws (9)', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frames.push(frame);
    const report = new Promise<Record<string, unknown>>((resolve) => {
      const listen = (event: MessageEvent) => {
        const data = event.data as { sandboxed?: Record<string, unknown> } | null | undefined;
        if (event.source !== frame.contentWindow || !data?.sandboxed) return;
        window.removeEventListener('message', listen);
        resolve(data.sandboxed);
      };
      window.addEventListener('message', listen);
    });
    frame.src = `${PAGES}/sandboxed.html`;
    document.body.append(frame);
    const { banner: shown, granted, ran, thrown, logged } = await report;
    expect(thrown, String(logged)).to.equal(undefined);
    expect(shown).to.equal(true);
    expect(granted).to.equal(true);
    expect(ran).to.deep.equal(['inline']);
  });
});
