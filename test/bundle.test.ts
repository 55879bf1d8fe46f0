// The script-tag build as a webmaster uses it: dist/yinyom.min.js on a plain page.
// `npm test` builds it first.
import { expect, waitUntil } from '@open-wc/testing';
import { en } from '../locales/en.js';
import type { YinyomConsent } from '../src/index.js';

type PageWindow = Window & typeof globalThis & { ran: string[]; yinyom: typeof import('../src/page-api.js') };

const frames: HTMLIFrameElement[] = [];

async function open(path: string): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:800px;height:600px';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PageWindow;
  await waitUntil(() => win.document.querySelector('yinyom-consent')?.shadowRoot, 'the element did not connect');
  // The first render has a task of its own, after the script's.
  await (win.document.querySelector('yinyom-consent') as YinyomConsent).updateComplete;
  return win;
}

const element = (win: PageWindow) => win.document.querySelector('yinyom-consent') as YinyomConsent;
const part = (win: PageWindow, name: string) =>
  element(win).shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('dist/yinyom.min.js', () => {
  beforeEach(() => {
    document.cookie = 'yinyom-bundle=; Path=/; Max-Age=0';
  });
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
    document.cookie = 'yinyom-bundle=; Path=/; Max-Age=0';
  });

  it('shares its languages with an npm copy on the same page', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    // The script tag's copy shows the notice; the page's own bundle is another copy of yinyom.
    const npm = (await (win as unknown as { eval(code: string): unknown }).eval(
      "import('/dist/index.js')",
    )) as typeof import('../src/index.js');
    element(win).setAttribute('lang', 'ms');
    await element(win).updateComplete;
    expect(part(win, 'title')!.textContent, 'not registered yet: Thai').to.not.equal('Kuki di laman ini');
    npm.registerLanguage('ms', { ...en, languageName: 'Bahasa Melayu', bannerTitle: 'Kuki di laman ini' });
    await waitUntil(
      () => part(win, 'title')?.textContent === 'Kuki di laman ini',
      'the notice took the npm copy’s language',
    );
  });

  it('adds the element from its data-* attributes and runs nothing before a choice', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    const el = element(win);
    expect(el.parentElement).to.equal(win.document.body);
    expect(el.getAttribute('org')).to.equal('เทศบาลทดสอบ');
    expect(el.getAttribute('categories')).to.equal('analytics marketing');
    expect(part(win, 'banner')).to.exist;
    expect(part(win, 'text')!.textContent).to.contain('เทศบาลทดสอบใช้คุกกี้');
    expect(win.yinyom.getConsent()).to.equal(null);
    expect(win.ran).to.deep.equal([]);
  });

  it('runs the gated scripts in order once the visitor accepts, and again on the next page view', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    part(win, 'accept-button')!.click();
    await waitUntil(() => win.ran.length === 4, `ran: ${win.ran}`);
    expect(win.ran).to.deep.equal(['inline-1', 'external', 'inline-2', 'marketing']);
    expect(win.yinyom.hasConsent('marketing')).to.equal(true);
    win.yinyom.acceptAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.ran, 'never twice').to.have.length(4);

    const next = await open('/test/fixtures/bundle/page.html');
    await waitUntil(() => next.ran.length === 4, `ran: ${next.ran}`);
    expect(next.ran).to.deep.equal(['inline-1', 'external', 'inline-2', 'marketing']);
    expect(part(next, 'banner')).to.equal(null);
  });

  it('runs only what a per-category choice allows, and nothing tracked after reject all', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    win.yinyom.save({ marketing: true });
    await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}`);
    expect(win.ran).to.deep.equal(['marketing', 'no-analytics']);

    document.cookie = 'yinyom-bundle=; Path=/; Max-Age=0';
    const rejected = await open('/test/fixtures/bundle/page.html');
    part(rejected, 'reject-button')!.click();
    await waitUntil(() => rejected.ran.length === 1);
    const later = await open('/test/fixtures/bundle/page.html');
    await waitUntil(() => later.ran.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(later.ran).to.deep.equal(['no-analytics']);
    expect(part(later, 'banner')).to.equal(null);
  });

  it('is harmless when loaded twice and uses the element the page already has', async () => {
    const win = await open('/test/fixtures/bundle/twice.html');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(win.document.querySelectorAll('yinyom-consent')).to.have.length(1);
    expect(part(win, 'banner')).to.exist;
    expect(element(win).language).to.equal('en');
    expect(typeof win.yinyom.acceptAll).to.equal('function');
  });

  it('applies a choice made in another tab within a second, without a reload', async () => {
    const tabA = await open('/test/fixtures/bundle/page.html');
    const tabB = await open('/test/fixtures/bundle/page.html');
    expect(part(tabB, 'banner')).to.exist;
    // WebKit registers a new BroadcastChannel with its UI process asynchronously, and tab B's
    // was made a task ago; a visitor takes longer than this to switch tabs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    part(tabA, 'accept-button')!.click();
    await waitUntil(() => tabB.ran.length === 4, `other tab ran: ${tabB.ran}`, { timeout: 1000 });
    expect(tabB.ran).to.deep.equal(['inline-1', 'external', 'inline-2', 'marketing']);
    await waitUntil(() => part(tabB, 'banner') === null, 'the other tab still shows the banner', { timeout: 1000 });
    expect(tabB.yinyom.getConsent()).to.deep.equal(tabA.yinyom.getConsent());
  });

  it('reloads a page whose tracking already ran when the visitor withdraws, and clears its cookies', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    win.yinyom.acceptAll();
    await waitUntil(() => win.ran.length === 4, `ran: ${win.ran}`);
    document.cookie = '_ga=GA1.1.1; Path=/';
    const frame = frames[frames.length - 1];
    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    win.yinyom.save({ marketing: true });
    await reloaded;
    expect(document.cookie, 'deleted before the reload').to.not.contain('_ga=');
    const fresh = frame.contentWindow as PageWindow;
    await waitUntil(() => fresh.ran?.length === 2, `after reload ran: ${fresh.ran}`);
    expect(fresh.ran).to.deep.equal(['marketing', 'no-analytics']);
  });

  it('keeps the page as it is on withdrawal when reload-on-withdrawal="off"', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    element(win).setAttribute('reload-on-withdrawal', 'off');
    await element(win).updateComplete;
    win.yinyom.acceptAll();
    await waitUntil(() => win.ran.length === 4, `ran: ${win.ran}`);
    const frame = frames[frames.length - 1];
    let reloaded = false;
    frame.addEventListener('load', () => (reloaded = true), { once: true });
    win.yinyom.rejectAll();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reloaded).to.equal(false);
    expect(frame.contentWindow).to.equal(win);
    expect(win.yinyom.hasConsent('analytics')).to.equal(false);
  });

  it('treats a tampered cookie as no choice: banner, a warning, nothing gated', async () => {
    document.cookie = 'yinyom-bundle=1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|1|th|zzzzzzzzzzzz|0|a|a1m1; Path=/';
    const win = await open('/test/fixtures/bundle/page.html');
    expect(win.yinyom.getConsent()).to.equal(null);
    expect(part(win, 'banner')).to.exist;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.ran).to.deep.equal([]);
    part(win, 'reject-button')!.click();
    expect(document.cookie).to.match(/yinyom-bundle=1\|[0-9a-f-]{36}\|1\|th\|[0-9a-z]+\|[0-9a-z]+\|r\|a0m0/);
  });

  it('pushes the Consent Mode default as soon as the file runs, before the element exists', async () => {
    const win = await open('/test/fixtures/bundle/page.html');
    const layer = (win as unknown as { dataLayer: IArguments[] }).dataLayer;
    const first = Array.from(layer[0]);
    expect(first.slice(0, 2)).to.deep.equal(['consent', 'default']);
    expect(first[2]).to.include({ analytics_storage: 'denied', ad_storage: 'denied' });
  });

  describe('the second file (yinyom.extra.min.js)', () => {
    const extraLoads = (win: PageWindow) =>
      win.performance.getEntriesByType('resource').filter((entry) => entry.name.includes('yinyom.extra.min.js'));
    /** Records the `<script>` elements the page gains (the loader removes its own once it has run). */
    const scriptsAdded = (win: PageWindow) => {
      const added: HTMLScriptElement[] = [];
      new win.MutationObserver((records) => {
        for (const record of records)
          for (const node of Array.from(record.addedNodes))
            if ((node as Element).localName === 'script') added.push(node as HTMLScriptElement);
      }).observe(win.document, { childList: true, subtree: true });
      return added;
    };
    const dialogOpen = (win: PageWindow) => element(win).shadowRoot!.querySelector('dialog')?.open === true;
    /** console.error of the page, recorded. */
    const errorsOf = (win: PageWindow) => {
      const errors: string[] = [];
      win.console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
      return errors;
    };

    it('is loaded only when the preferences first open, beside the first, with integrity and crossorigin', async () => {
      const win = await open('/test/fixtures/bundle/page.html');
      expect(extraLoads(win), 'a first visit does not load it').to.have.length(0);
      const added = scriptsAdded(win);
      part(win, 'preferences-button')!.click();
      await waitUntil(() => dialogOpen(win), 'the preferences did not open');
      expect(extraLoads(win)).to.have.length(1);
      expect(added).to.have.length(1);
      const [script] = added;
      expect(new URL(script.src).pathname).to.equal('/dist/yinyom.extra.min.js');
      expect(script.integrity).to.match(/^sha384-[A-Za-z0-9+/]{64}$/);
      expect(script.crossOrigin).to.equal('anonymous');
      expect(script.isConnected, 'the loader takes its <script> away once it has run').to.equal(false);
      expect(element(win).shadowRoot!.querySelectorAll('[part~="toggle"]')).to.have.length(2);
      // Closing and opening again loads nothing more.
      element(win).shadowRoot!.querySelector('dialog')!.close();
      await waitUntil(() => !part(win, 'banner')!.hidden, 'the banner is back');
      part(win, 'preferences-button')!.click();
      await waitUntil(() => dialogOpen(win), 'the preferences did not open again');
      expect(extraLoads(win)).to.have.length(1);
    });

    it('is fetched ahead when focus or the pointer reaches "choose"', async () => {
      const win = await open('/test/fixtures/bundle/page.html');
      part(win, 'preferences-button')!.focus();
      await waitUntil(() => extraLoads(win).length === 1, 'focus did not fetch it');
      expect(dialogOpen(win)).to.equal(false);
    });

    it('does nothing when a page loads it by itself', async () => {
      const win = await open('/test/fixtures/bundle/page.html');
      const before = Object.keys(win).length;
      const errors = errorsOf(win);
      const script = win.document.createElement('script');
      const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
      script.src = '/dist/yinyom.extra.min.js';
      win.document.head.append(script);
      await loaded;
      expect(Object.keys(win).length, 'no globals').to.equal(before);
      expect(errors).to.deep.equal([]);
    });

    for (const fault of ['missing', 'tampered']) {
      it(`${fault}: says which file and the fix; the banner stands in, and accept, reject and withdrawal still work`, async () => {
        const win = await open(`/test/dist-faults/${fault}/page.html`);
        const errors = errorsOf(win);
        part(win, 'preferences-button')!.click();
        await waitUntil(() => part(win, 'notice'), 'no word that the preferences cannot open');
        expect(part(win, 'notice')!.textContent).to.equal(en.preferencesUnavailable);
        expect(element(win).shadowRoot!.activeElement, 'focus is on that word').to.equal(part(win, 'notice'));
        expect(dialogOpen(win)).to.equal(false);
        expect(errors.join('\n')).to.contain('/test/dist-faults/' + fault + '/yinyom.extra.min.js');
        expect(errors.join('\n')).to.contain('Copy the whole dist/ folder');
        expect((win as unknown as { tampered?: boolean }).tampered, 'a changed file never runs').to.equal(undefined);
        expect(win.ran).to.deep.equal([]);

        part(win, 'reject-button')!.click();
        expect(win.yinyom.hasConsent('analytics')).to.equal(false);
        await waitUntil(() => part(win, 'settings-button'), 'the settings button after a choice');
        // Changing one's mind: the banner again, with its two choices, and a way to leave it.
        part(win, 'settings-button')!.click();
        await waitUntil(() => part(win, 'accept-button'), 'the banner stands in for the preferences');
        part(win, 'close-button')!.click();
        await waitUntil(() => part(win, 'settings-button'), 'closed: the settings button again');
        expect(win.yinyom.hasConsent('analytics'), 'closing is not a choice').to.equal(false);
        part(win, 'settings-button')!.click();
        await waitUntil(() => part(win, 'accept-button'), 'the banner stands in again');
        part(win, 'accept-button')!.click();
        await waitUntil(() => win.ran.length === 2, `ran: ${win.ran}`);

        // Withdrawal the same way: the page reloads (its tracking ran) and runs nothing.
        await waitUntil(() => part(win, 'settings-button'), 'the settings button after accepting');
        part(win, 'settings-button')!.click();
        await waitUntil(() => part(win, 'reject-button'), 'the banner stands in again');
        const frame = frames[frames.length - 1];
        const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        part(win, 'reject-button')!.click();
        await reloaded;
        const next = frame.contentWindow as PageWindow;
        await waitUntil(() => next.yinyom?.getConsent(), 'the reloaded page read the choice');
        expect(next.yinyom.hasConsent('analytics')).to.equal(false);
        expect(next.ran).to.deep.equal([]);
      });
    }
  });
});
