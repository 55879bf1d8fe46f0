import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { isAllowed, knownTracker, ScriptGate } from '../../src/browser/script-gate.js';

declare global {
  interface Window {
    gateLog?: string[];
  }
}

const consent = (categories: Record<string, boolean>): ConsentRecord => ({
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  revision: '1',
  language: 'th',
  givenAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  method: 'custom',
  categories: { necessary: true, ...categories },
});

/** Inline gated scripts can only be written as strings: Lit never creates live scripts. */
async function page(markup: string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.innerHTML = markup;
  return host;
}

const inline = (category: string, label: string) =>
  `<script type="text/plain" data-consent="${category}">(window.gateLog ||= []).push('${label}')</script>`;

describe('isAllowed', () => {
  const analytics = consent({ analytics: true, marketing: false });
  it('needs a choice, and every named category granted', () => {
    expect(isAllowed('analytics', null)).to.equal(false);
    expect(isAllowed('!analytics', null)).to.equal(false);
    expect(isAllowed('analytics', analytics)).to.equal(true);
    expect(isAllowed('analytics marketing', analytics)).to.equal(false);
    expect(isAllowed('  analytics   necessary ', analytics)).to.equal(true);
    expect(isAllowed('', analytics)).to.equal(false);
    expect(isAllowed('unknown', analytics)).to.equal(false);
  });

  it('allows !category only once that category is refused', () => {
    expect(isAllowed('!marketing', analytics)).to.equal(true);
    expect(isAllowed('!analytics', analytics)).to.equal(false);
  });
});

describe('ScriptGate', () => {
  beforeEach(() => {
    window.gateLog = [];
  });

  it('runs nothing before a choice', async () => {
    await page(
      inline('analytics', 'a') +
        '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>',
    );
    await new ScriptGate(() => null).apply();
    expect(window.gateLog).to.deep.equal([]);
    expect(document.querySelectorAll('script[type="text/plain"][data-consent]')).to.have.length(2);
  });

  it('runs only the allowed categories, inline and external, in document order', async () => {
    await page(
      inline('analytics', 'inline-1') +
        '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>' +
        inline('marketing', 'marketing') +
        inline('analytics', 'inline-2') +
        '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-b.js"></script>' +
        inline('analytics', 'inline-3'),
    );
    const gate = new ScriptGate(() => consent({ analytics: true, marketing: false }));
    expect([...gate.ran]).to.deep.equal([]);
    await gate.apply();
    expect(window.gateLog).to.deep.equal(['inline-1', 'external-a', 'inline-2', 'external-b', 'inline-3']);
    expect([...gate.ran]).to.deep.equal(['analytics']);
  });

  it('runs each gated script at most once, across passes and gates', async () => {
    await page(
      inline('analytics', 'once') +
        '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>',
    );
    const allow = () => consent({ analytics: true });
    const first = new ScriptGate(allow);
    const second = new ScriptGate(allow);
    await Promise.all([first.apply(), second.apply(), first.apply()]);
    await second.apply();
    expect(window.gateLog).to.deep.equal(['once', 'external-a']);
  });

  it('keeps the attributes, drops the gating ones, and revives modules as modules', async () => {
    const host = await page(
      '<script type="text/plain" data-consent="analytics" data-type="module" id="m" data-site="x" ' +
        `referrerpolicy="no-referrer">(window.gateLog ||= []).push(typeof import.meta)</script>`,
    );
    await new ScriptGate(() => consent({ analytics: true })).apply();
    // Module scripts run after the current task.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const script = host.querySelector<HTMLScriptElement>('script:not([type="text/plain"])')!;
    expect(script.type).to.equal('module');
    expect(script.id).to.equal('m');
    expect(script.dataset.site).to.equal('x');
    expect(script.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(script.hasAttribute('data-type')).to.equal(false);
    expect(window.gateLog).to.deep.equal(['object']);
  });

  it('does not stall the chain on a script that fails to load', async () => {
    const errors: string[] = [];
    await page(
      '<script type="text/plain" data-consent="analytics" src="/test/fixtures/missing.js"></script>' +
        inline('analytics', 'after'),
    );
    await new ScriptGate(() => consent({ analytics: true }), {
      log: { warn: () => {}, error: (m: string) => errors.push(m) },
    }).apply();
    expect(window.gateLog).to.deep.equal(['after']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('missing.js failed to load');
  });

  it('runs !category scripts on refusal only', async () => {
    await page(inline('!analytics', 'cookieless') + inline('analytics', 'tracking'));
    const gate = new ScriptGate(() => consent({ analytics: false }));
    await gate.apply();
    expect(window.gateLog).to.deep.equal(['cookieless']);
    expect(gate.ran.size, 'a refusal-gated script is no tracking to undo').to.equal(0);
  });

  it('stops the rest of a chain when consent is withdrawn meanwhile', async () => {
    await page(
      '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>' +
        inline('analytics', 'late'),
    );
    let current: ConsentRecord | null = consent({ analytics: true });
    // Withdraw while the external script runs, before the chain reaches the next one.
    const log: string[] = [];
    log.push = (...items: string[]) => {
      if (items.includes('external-a')) current = consent({ analytics: false });
      return Array.prototype.push.apply(log, items);
    };
    window.gateLog = log;
    await new ScriptGate(() => current).apply();
    expect([...log]).to.deep.equal(['external-a']);
  });

  it('loads gated iframes and images from data-src', async () => {
    const host = await page(
      '<iframe data-consent="marketing" data-src="/test/fixtures/embed.html#video" title="video"></iframe>' +
        '<img data-consent="analytics" data-src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">',
    );
    await new ScriptGate(() => consent({ analytics: true, marketing: false })).apply();
    expect(host.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
    expect(host.querySelector('img')!.getAttribute('src')).to.match(/^data:image\/gif/);
  });

  it('does not stall on an inline script that throws', async () => {
    const original = window.onerror;
    const thrown: string[] = [];
    window.onerror = (message) => {
      thrown.push(typeof message === 'string' ? message : message.type);
      return true;
    };
    try {
      await page(
        `<script type="text/plain" data-consent="analytics">throw new Error('site bug')</script>` +
          inline('analytics', 'after'),
      );
      await new ScriptGate(() => consent({ analytics: true })).apply();
    } finally {
      window.onerror = original;
    }
    expect(thrown.some((m) => m.includes('site bug'))).to.equal(true);
    expect(window.gateLog).to.deep.equal(['after']);
  });

  it('refuses an inline script that calls document.write, which would wipe the page', async () => {
    const errors: unknown[][] = [];
    const host = await page(
      `<script type="text/plain" data-consent="analytics">document.write('<p>gone</p>')</script>` +
        inline('analytics', 'after'),
    );
    await new ScriptGate(() => consent({ analytics: true }), {
      log: { warn: () => {}, error: (...a: unknown[]) => errors.push(a) },
    }).apply();
    expect(window.gateLog).to.deep.equal(['after']);
    expect(document.body.contains(host)).to.equal(true);
    expect(String(errors[0][0])).to.contain('document.write()');
    expect(host.querySelector('script')!.getAttribute('type'), 'left as it was').to.equal('text/plain');
  });

  it('sets src, srcset and href from their data- twins, and reloads media', async () => {
    const host = await page(
      '<img data-consent="analytics" data-srcset="data:image/gif;base64,R0lGODlhAQABAAAAACw= 1x" alt="">' +
        '<link data-consent="analytics" rel="stylesheet" data-href="/test/fixtures/gated.css">' +
        '<video data-consent="analytics" data-src="/test/fixtures/clip.mp4"></video>',
    );
    let loaded = false;
    (host.querySelector('video') as HTMLVideoElement).load = () => void (loaded = true);
    await new ScriptGate(() => consent({ analytics: true })).apply();
    expect(host.querySelector('img')!.getAttribute('srcset')).to.match(/^data:image\/gif/);
    expect(host.querySelector('link')!.getAttribute('href')).to.equal('/test/fixtures/gated.css');
    expect(host.querySelector('video')!.getAttribute('src')).to.equal('/test/fixtures/clip.mp4');
    expect(loaded).to.equal(true);
  });

  it('handles gated markup added later: inert until allowed, live at once when allowed', async () => {
    const host = await page('');
    let current: ConsentRecord | null = null;
    const gate = new ScriptGate(() => current);
    gate.observe();
    try {
      host.insertAdjacentHTML('beforeend', inline('analytics', 'spa-1'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await gate.apply();
      expect(window.gateLog).to.deep.equal([]);
      current = consent({ analytics: true });
      await gate.apply();
      expect(window.gateLog).to.deep.equal(['spa-1']);
      // A route change brings a new fragment: it runs without anyone calling apply().
      host.insertAdjacentHTML('beforeend', `<section>${inline('analytics', 'spa-2')}</section>`);
      await waitUntil(() => window.gateLog!.length === 2, `ran: ${window.gateLog}`);
      expect(window.gateLog).to.deep.equal(['spa-1', 'spa-2']);
    } finally {
      gate.disconnect();
    }
    host.insertAdjacentHTML('beforeend', inline('analytics', 'after-disconnect'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(window.gateLog).to.deep.equal(['spa-1', 'spa-2']);
  });

  it('warns once about a known tracker that is not gated, naming the fix', async () => {
    const warnings: unknown[][] = [];
    // innerHTML never runs or fetches a script: the warning is about the markup alone.
    await page(
      '<script src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>' +
        '<script src="https://connect.facebook.net/en_US/fbevents.js" type="module"></script>' +
        '<script src="/site.js"></script>' +
        '<script type="text/plain" data-consent="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-OK"></script>',
    );
    const gate = new ScriptGate(() => null, { log: { warn: (...a: unknown[]) => warnings.push(a), error: () => {} } });
    await gate.apply();
    await gate.apply();
    expect(warnings).to.have.length(2);
    expect(String(warnings[0][0])).to.contain('Google Analytics / Tag Manager without consent');
    expect(String(warnings[0][2])).to.contain('type="text/plain" data-consent="analytics"');
    expect(String(warnings[1][0])).to.contain('Meta pixel');
    expect(String(warnings[1][2])).to.contain('data-consent="marketing"');
  });

  it('does not warn about a tracker whose category is granted (one a revived snippet inserted)', async () => {
    const warnings: unknown[][] = [];
    await page('<script src="https://connect.facebook.net/en_US/fbevents.js"></script>');
    await new ScriptGate(() => consent({ marketing: true }), {
      log: { warn: (...a: unknown[]) => warnings.push(a), error: () => {} },
    }).apply();
    expect(warnings).to.deep.equal([]);
  });

  it('activates one element on request, whatever the choice', async () => {
    const host = await page(
      '<iframe data-consent="marketing" data-src="/test/fixtures/embed.html#one" title="one"></iframe>',
    );
    const gate = new ScriptGate(() => null);
    await gate.activate(host.querySelector('iframe')!);
    expect(host.querySelector('iframe')!.getAttribute('src')).to.equal('/test/fixtures/embed.html#one');
  });
});

describe('knownTracker', () => {
  it('recognises trackers by where they load from', () => {
    expect(knownTracker('https://www.googletagmanager.com/gtm.js?id=GTM-X')).to.deep.equal([
      'Google Analytics / Tag Manager',
      'analytics',
    ]);
    expect(knownTracker('https://cdn.matomo.cloud/site.matomo.cloud/matomo.js')![0]).to.equal('Matomo');
    expect(knownTracker('https://www.youtube-nocookie.com/embed/abc')).to.deep.equal(['embedded content', 'marketing']);
    expect(knownTracker('/js/app.js')).to.equal(undefined);
  });
});
