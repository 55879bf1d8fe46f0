import { expect, fixture, html } from '@open-wc/testing';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { isAllowed, ScriptGate } from '../../src/core/script-gate.js';

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
    await page(inline('analytics', 'a') + '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>');
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
    await page(inline('analytics', 'once') + '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>');
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
    const script = host.querySelector('script')!;
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
      '<script type="text/plain" data-consent="analytics" src="/test/fixtures/missing.js"></script>' + inline('analytics', 'after'),
    );
    await new ScriptGate(() => consent({ analytics: true }), { log: { error: (m: string) => errors.push(m) } }).apply();
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
      '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated-a.js"></script>' + inline('analytics', 'late'),
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
      '<iframe data-consent="marketing" data-src="about:blank#video" title="video"></iframe>' +
        '<img data-consent="analytics" data-src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">',
    );
    await new ScriptGate(() => consent({ analytics: true, marketing: false })).apply();
    expect(host.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
    expect(host.querySelector('img')!.getAttribute('src')).to.match(/^data:image\/gif/);
  });
});
