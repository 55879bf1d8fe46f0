// yinyom under a client router, simulated as Astro's ClientRouter works: a click on a link
// is caught on `document` (unless default-prevented), the new page's <body> replaces the old
// one, and an element marked to persist (`transition:persist`) is moved into the new body.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { YinyomConsent } from '../../src/index.js';
import { frames } from '../helpers/notice.js';

declare global {
  interface Window {
    routeLog?: string[];
  }
}

let counter = 0;

/** A page as the server would send it; `persist` marks where the persisted element goes. */
const PAGES: Record<string, string> = {
  '/a': `<main><h1>A</h1>
    <script type="text/plain" data-consent="analytics">(window.routeLog ||= []).push('a:analytics')</script>
    <script type="text/plain" data-consent="!marketing">(window.routeLog ||= []).push('a:no-marketing')</script>
    <iframe data-consent="marketing" data-src="https://www.youtube-nocookie.com/embed/a" title="a" width="320" height="180"></iframe>
    <a href="/b" id="to-b">B</a></main>`,
  '/b': `<main><h1>B</h1>
    <script type="text/plain" data-consent="analytics">(window.routeLog ||= []).push('b:analytics')</script>
    <a href="/a" id="to-a">A</a></main>`,
};

class Router {
  readonly original = document.body;
  readonly visited: string[] = [];
  constructor(
    private readonly element: YinyomConsent,
    private readonly persist: boolean,
  ) {
    // Registered before the notice's own listener, as a router's script in <head> is.
    document.addEventListener('click', this.onClick);
  }

  private readonly onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.('a[href]');
    if (!link || event.defaultPrevented) return;
    event.preventDefault();
    this.go(link.getAttribute('href')!);
  };

  /** Swaps the body for the page's; the element is moved over or, without persist, re-created. */
  go(path: string): void {
    this.visited.push(path);
    const body = document.createElement('body');
    body.innerHTML = `<yinyom-slot></yinyom-slot>${PAGES[path] ?? '<main>#</main>'}<footer><a href="#" id="opener" data-yinyom-open>ตั้งค่าคุกกี้</a></footer>`;
    const slot = body.querySelector('yinyom-slot')!;
    if (this.persist) slot.replaceWith(this.element);
    else
      slot.replaceWith(
        Object.assign(document.createElement('yinyom-consent'), {
          cookieName: this.element.cookieName,
          categories: this.element.categories,
        }),
      );
    document.body.replaceWith(body);
  }

  /**
   * What Astro's router does after a swap: every script it has not marked as run
   * (data-astro-exec), and whose type the browser runs, is re-created, so that it runs.
   */
  runScripts(): void {
    for (const script of Array.from(document.getElementsByTagName('script'))) {
      if (script.dataset.astroExec === '') continue;
      const type = script.getAttribute('type');
      if (type && type !== 'module' && type !== 'text/javascript') continue;
      const fresh = document.createElement('script');
      fresh.text = script.text;
      for (const { name, value } of Array.from(script.attributes)) fresh.setAttribute(name, value);
      fresh.dataset.astroExec = '';
      script.replaceWith(fresh);
    }
  }

  get notice(): YinyomConsent {
    return document.querySelector('yinyom-consent')!;
  }

  restore(): void {
    document.removeEventListener('click', this.onClick);
    document.body.replaceWith(this.original);
  }
}

async function start(persist: boolean) {
  const cookieName = `yinyom-router-${Date.now()}-${counter++}`;
  const element = await fixture<YinyomConsent>(
    html`<yinyom-consent cookie-name=${cookieName} categories="analytics marketing"></yinyom-consent>`,
  );
  await element.updateComplete;
  return new Router(element, persist);
}

for (const persist of [true, false]) {
  describe(`a client router, ${persist ? 'with the element persisted (moved)' : 'with the element re-created'} on each page`, () => {
    let router: Router;
    beforeEach(() => {
      window.routeLog = [];
    });
    afterEach(() => {
      router?.restore();
      document.cookie = `${router?.notice?.cookieName ?? ''}=; Path=/; Max-Age=0`;
    });

    it('applies the stored choice to every new page: gated scripts, `!category` scripts, placeholders', async () => {
      router = await start(persist);
      router.notice.save({ analytics: true });
      router.go('/a');
      await waitUntil(() => window.routeLog!.length === 2, 'the new page was gated');
      expect(window.routeLog).to.deep.equal(['a:analytics', 'a:no-marketing']);
      // The router's own pass over the new page's scripts runs none of yinyom's copies again.
      router.runScripts();
      await frames();
      expect(window.routeLog).to.deep.equal(['a:analytics', 'a:no-marketing']);
      await waitUntil(() => document.querySelector('yinyom-placeholder'), 'the embed got its placeholder');
      router.go('/b');
      await waitUntil(() => window.routeLog!.includes('b:analytics'), 'the next page was gated');
      // Back to A: a new page (new nodes), gated as the first time; B's nodes are gone.
      router.go('/a');
      await waitUntil(() => window.routeLog!.length === 5, 'back on A');
      expect(window.routeLog).to.deep.equal([
        'a:analytics',
        'a:no-marketing',
        'b:analytics',
        'a:analytics',
        'a:no-marketing',
      ]);
      // A re-created element waits for the page to settle (an idle callback) before it puts a
      // placeholder in: wait for it, then check that no second one follows.
      await waitUntil(() => document.querySelector('yinyom-placeholder'), 'the embed on A got its placeholder');
      await frames();
      expect(
        document.querySelectorAll('yinyom-placeholder'),
        'one placeholder, for the frame on this page',
      ).to.have.length(1);
    });

    it('makes a choice made on one page apply on the next', async () => {
      router = await start(persist);
      router.go('/a');
      await waitUntil(() => document.querySelector('yinyom-placeholder'));
      expect(window.routeLog).to.deep.equal([]);
      router.notice.acceptAll();
      await waitUntil(() => window.routeLog!.includes('a:analytics'));
      await waitUntil(
        () => !document.querySelector('yinyom-placeholder'),
        'the allowed frame took its placeholder away',
      );
      router.go('/b');
      await waitUntil(() => window.routeLog!.includes('b:analytics'));
      expect(window.routeLog).to.deep.equal(['a:analytics', 'b:analytics']);
    });

    it('lets the data-yinyom-open link win the click over the router', async () => {
      router = await start(persist);
      router.notice.rejectAll();
      router.go('/a');
      const before = router.visited.length;
      document.querySelector<HTMLElement>('#opener')!.click();
      await waitUntil(() => router.notice.shadowRoot!.querySelector('dialog')?.open, 'the preferences opened');
      expect(router.visited.length, 'the router did not navigate').to.equal(before);
      router.notice.shadowRoot!.querySelector('dialog')!.close();
      // An ordinary link still navigates.
      document.querySelector<HTMLElement>('#to-b')!.click();
      expect(router.visited[router.visited.length - 1]).to.equal('/b');
    });
  });
}
