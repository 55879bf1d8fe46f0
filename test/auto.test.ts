import { expect, waitUntil } from '@open-wc/testing';

describe('the script-tag entry', () => {
  after(() => {
    document.querySelector('yinyom-consent')?.remove();
  });

  it('registers the element, publishes window.yinyom and mounts one element', async () => {
    await import('../src/auto.js');
    expect(customElements.get('yinyom-consent')).to.exist;
    expect(typeof window.yinyom.getConsent).to.equal('function');
    await waitUntil(() => document.querySelector('yinyom-consent'));
    // Loading it again changes nothing.
    const api = window.yinyom;
    const again = '../src/auto.ts?again';
    await import(again);
    expect(window.yinyom).to.equal(api);
    expect(document.querySelectorAll('yinyom-consent')).to.have.length(1);
  });
});
