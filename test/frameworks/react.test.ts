// yinyom inside a real React 19 app (react-dom's development build, StrictMode): React keeps
// its own record of the nodes it rendered and removes them itself. Had the gate replaced a
// gated script, React's removeChild() would throw NotFoundError and unmount the whole app.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { forgetNotices, frames, notice } from '../helpers/notice.js';
import {
  createElement as h,
  createRoot,
  flushSync,
  Fragment,
  hydrateRoot,
  renderToString,
  StrictMode,
  useEffect,
  useState,
} from '../helpers/react.js';

declare global {
  interface Window {
    reactLog?: string[];
  }
}

const gated = (consent: string, label: string) =>
  h('script', {
    key: label,
    type: 'text/plain',
    'data-consent': consent,
    dangerouslySetInnerHTML: { __html: `(window.reactLog ||= []).push(${JSON.stringify(label)})` },
  });

/**
 * An app whose gated markup (two scripts and a video) sits directly in a parent that stays:
 * closing the panel makes React remove those very nodes with parent.removeChild(node).
 */
async function app() {
  const errors: unknown[] = [];
  let setOpen!: (open: boolean) => void;
  function Panel() {
    return h(
      Fragment,
      null,
      gated('analytics', 'analytics'),
      gated('!analytics', 'no-analytics'),
      h('iframe', {
        key: 'video',
        'data-consent': 'marketing',
        'data-src': 'https://www.youtube-nocookie.com/embed/xyz',
        width: 320,
        height: 180,
        title: 'video',
      }),
    );
  }
  function App() {
    const [open, set] = useState(true);
    setOpen = set;
    return h('main', null, h('h1', null, 'app'), open ? h(Panel) : null, h('footer', null, 'footer'));
  }
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const root = createRoot(container, {
    onUncaughtError: (error: unknown) => errors.push(error),
    onRecoverableError: (error: unknown) => errors.push(error),
  });
  flushSync(() => root.render(h(StrictMode, null, h(App))));
  return {
    container,
    errors,
    close: () => flushSync(() => setOpen(false)),
    open: () => flushSync(() => setOpen(true)),
    unmount: () => root.unmount(),
  };
}

describe('React 19', () => {
  beforeEach(() => {
    window.reactLog = [];
  });
  afterEach(() => {
    forgetNotices();
  });

  it('keeps working when it unmounts gated scripts that ran after "accept"', async () => {
    const el = await notice('react');
    const { container, errors, close, unmount } = await app();
    const [analytics] = Array.from(container.querySelectorAll('script'));
    el.acceptAll();
    await waitUntil(() => window.reactLog!.includes('analytics'), 'the gated script ran');
    // The page's node is still React's node, in place; the live copy sits right after it.
    expect(container.querySelector('script')).to.equal(analytics);
    expect(analytics.nextElementSibling!.getAttribute('type')).to.equal(null);
    close();
    expect(errors, 'React threw while unmounting').to.deep.equal([]);
    expect(container.querySelector('main > footer'), 'the app is still mounted').to.exist;
    await frames();
    expect(container.querySelectorAll('script, yinyom-placeholder'), 'nothing of ours is left behind').to.have.length(
      0,
    );
    unmount();
    expect(errors).to.deep.equal([]);
    expect(window.reactLog).to.deep.equal(['analytics']);
  });

  it('keeps working when it unmounts a `!analytics` script that ran after "reject"', async () => {
    const el = await notice('react');
    const { container, errors, close } = await app();
    el.rejectAll();
    await waitUntil(() => window.reactLog!.includes('no-analytics'), 'the cookieless alternative ran');
    close();
    expect(errors, 'React threw while unmounting').to.deep.equal([]);
    expect(container.querySelector('main > footer')).to.exist;
    expect(window.reactLog).to.deep.equal(['no-analytics']);
  });

  it('runs a gated script once per element React creates, StrictMode or not', async () => {
    const el = await notice('react');
    const { errors, close, open } = await app();
    el.acceptAll();
    await waitUntil(() => window.reactLog!.length === 1);
    // A new mount is a new element, as a route change back to this page would be.
    close();
    open();
    await waitUntil(() => window.reactLog!.length === 2, 'the new element ran');
    await frames();
    expect(window.reactLog).to.deep.equal(['analytics', 'analytics']);
    expect(errors).to.deep.equal([]);
  });

  it('lets React hydrate server-rendered markup with a gated frame before its placeholder goes in', async () => {
    // As with Next.js: the server's HTML is in the page, yinyom starts, and React hydrates,
    // a page long enough to take React several slices of its scheduler. A placeholder
    // inserted before React reaches the frame is a mismatch: React renders the tree again.
    const paragraphs = Array.from({ length: 3000 }, (_, i) => h('p', { key: i }, `paragraph ${i}`));
    let hydrated = false;
    function Page() {
      useEffect(() => void (hydrated = true), []);
      return h(
        'main',
        null,
        h('h1', null, 'page'),
        ...paragraphs,
        h('iframe', {
          'data-consent': 'marketing',
          'data-src': 'https://www.youtube-nocookie.com/embed/xyz',
          width: 320,
          height: 180,
          title: 'video',
        }),
        h('footer', null, 'footer'),
      );
    }
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    container.innerHTML = renderToString(h(Page));
    const serverFrame = container.querySelector('iframe')!;
    const errors: unknown[] = [];
    await notice('react');
    hydrateRoot(container, h(Page), {
      onRecoverableError: (error: unknown) => errors.push(error),
      onUncaughtError: (error: unknown) => errors.push(error),
    });
    await waitUntil(() => hydrated, 'React hydrated (or rendered again)', { timeout: 5000 });
    await waitUntil(() => container.querySelector('yinyom-placeholder'), 'the placeholder is shown', { timeout: 5000 });
    expect(errors, 'no hydration mismatch').to.deep.equal([]);
    expect(container.querySelector('iframe'), "React kept the server's frame").to.equal(serverFrame);
  });

  it('takes a placeholder away with the frame React removes, and never leaves its "allow" button behind', async () => {
    await notice('react');
    const { container, errors, close } = await app();
    const iframe = container.querySelector('iframe')!;
    await waitUntil(() => container.querySelector('yinyom-placeholder'), 'the placeholder is shown');
    expect(iframe.previousElementSibling!.localName).to.equal('yinyom-placeholder');
    close();
    await frames();
    expect(errors).to.deep.equal([]);
    expect(document.querySelectorAll('yinyom-placeholder'), 'no placeholder outlives its frame').to.have.length(0);
  });
});
