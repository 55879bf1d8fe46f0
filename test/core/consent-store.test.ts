import { expect } from '@open-wc/testing';
import { parseConfig, type RawConfig } from '../../src/core/config.js';
import { memoryStorage, type ConsentStorage } from '../../src/core/consent-storage.js';
import { encodeRecord } from '../../src/core/consent-record.js';
import { ConsentStore, type ConsentChange } from '../../src/core/consent-store.js';

const DAY = 86_400_000;
const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

function setup(
  raw: RawConfig = {},
  storage: ConsentStorage = memoryStorage(),
  start = Date.UTC(2026, 10, 22, 9),
  gpc = false,
) {
  const clock = { now: start };
  const logged: string[] = [];
  const log = { warn: (m: string) => logged.push(`warn ${m}`), error: (m: string) => logged.push(`error ${m}`) };
  const create = () =>
    new ConsentStore(parseConfig(raw).config, storage, { now: () => clock.now, newId: () => ID, log, gpc });
  const store = create();
  const changes: Array<ConsentChange | null> = [];
  const remotes: boolean[] = [];
  store.subscribe((change, remote) => {
    changes.push(change);
    remotes.push(remote);
  });
  return { store, storage, clock, logged, changes, remotes, create };
}

describe('ConsentStore', () => {
  it('has no choice and grants nothing optional before the visitor acts', () => {
    const { store } = setup({ categories: 'functional analytics marketing' });
    expect(store.consent).to.equal(null);
    expect(store.askReason).to.equal('none');
    expect(store.hasConsent('necessary')).to.equal(true);
    for (const category of ['functional', 'analytics', 'marketing']) expect(store.hasConsent(category)).to.equal(false);
  });

  it('accepts all categories in use and records how', () => {
    const { store, changes } = setup({ categories: 'analytics marketing' });
    const change = store.acceptAll('en');
    expect(change.consent).to.deep.equal({
      id: ID,
      revision: '1',
      language: 'en',
      givenAt: '2026-11-22T09:00:00.000Z',
      updatedAt: '2026-11-22T09:00:00.000Z',
      method: 'accept-all',
      categories: { necessary: true, analytics: true, marketing: true },
    });
    expect(change.changed).to.deep.equal(['analytics', 'marketing']);
    expect(change.first).to.equal(true);
    expect(changes).to.deep.equal([change]);
    expect(store.hasConsent('marketing')).to.equal(true);
    expect(store.hasConsent('functional')).to.equal(false);
  });

  it('rejects all: every optional category false, nothing changed from no choice', () => {
    const { store } = setup({ categories: 'analytics marketing' });
    const change = store.rejectAll('th');
    expect(change.consent.method).to.equal('reject-all');
    expect(change.consent.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false });
    expect(change.changed).to.deep.equal([]);
  });

  it('saves per category; left-out ones are refused, unknown ones reported', () => {
    const { store, logged } = setup({ categories: 'functional analytics marketing' });
    const change = store.save({ analytics: true, tracking: true, marketing: 'yes' }, 'th');
    expect(change.consent.method).to.equal('custom');
    expect(change.consent.categories).to.deep.equal({
      necessary: true,
      functional: false,
      analytics: true,
      marketing: false,
    });
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain('"tracking"');
  });

  it('keeps id and first date across later changes, and reports what changed', () => {
    const { store, clock } = setup({ categories: 'analytics marketing' });
    store.acceptAll('th');
    clock.now += DAY;
    const change = store.save({ analytics: true }, 'en');
    expect(change.first).to.equal(false);
    expect(change.changed).to.deep.equal(['marketing']);
    expect(change.consent.id).to.equal(ID);
    expect(change.consent.givenAt).to.equal('2026-11-22T09:00:00.000Z');
    expect(change.consent.updatedAt).to.equal('2026-11-23T09:00:00.000Z');
  });

  it('remembers the choice for the next page view', () => {
    const { store, create } = setup({ categories: 'analytics' });
    const { consent } = store.acceptAll('th');
    const next = create();
    expect(next.consent).to.deep.equal(consent);
    expect(next.hasConsent('analytics')).to.equal(true);
    expect(next.acceptAll('th').first).to.equal(false);
  });

  it('asks again when the policy revision changes', () => {
    const storage = memoryStorage();
    setup({ revision: '1' }, storage).store.acceptAll('th');
    const { store } = setup({ revision: '2' }, storage);
    expect(store.consent).to.equal(null);
    expect(store.askReason).to.equal('revision');
    expect(store.hasConsent('analytics')).to.equal(false);
    const change = store.rejectAll('th');
    expect(change.first).to.equal(false);
    expect(change.consent.revision).to.equal('2');
    expect(store.askReason).to.equal('none');
  });

  it('asks again once the choice has expired', () => {
    const storage = memoryStorage();
    const start = Date.UTC(2026, 0, 1);
    setup({ 'expires-days': '10' }, storage, start).store.acceptAll('th');
    expect(setup({ 'expires-days': '10' }, storage, start + 10 * DAY - 1).store.consent).to.not.equal(null);
    const { store } = setup({ 'expires-days': '10' }, storage, start + 10 * DAY);
    expect(store.consent).to.equal(null);
    expect(store.askReason).to.equal('expired');
  });

  it("views an old record through today's categories: a new one is not granted", () => {
    const storage = memoryStorage();
    setup({ categories: 'analytics' }, storage).store.acceptAll('th');
    const { store } = setup({ categories: 'analytics marketing' }, storage);
    expect(store.consent?.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    expect(store.hasConsent('marketing')).to.equal(false);
  });

  it('treats a tampered value as no choice, warns, and lets the next choice replace it', () => {
    const storage = memoryStorage('1|not-a-uuid|1|th|0|0|a|a1');
    const { store, logged } = setup({}, storage);
    expect(store.consent).to.equal(null);
    expect(store.hasConsent('analytics')).to.equal(false);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.match(/^warn yinyom: the stored choice in cookie "yinyom" is not valid/);
    const change = store.acceptAll('th');
    expect(change.first).to.equal(true);
    expect(storage.readAll()[0]).to.equal(encodeRecord(change.consent));
  });

  it('forgets on reset and tells its listeners', () => {
    const { store, storage, changes } = setup();
    store.acceptAll('th');
    store.reset();
    expect(store.consent).to.equal(null);
    expect(storage.readAll()[0]).to.equal(undefined);
    expect(changes[changes.length - 1]).to.equal(null);
  });

  it('keeps the choice for this page view when the browser refuses to store it', () => {
    const refusing: ConsentStorage = { readAll: () => [], write: () => false, remove: () => {} };
    const { store, logged } = setup({ 'cookie-domain': 'go.th' }, refusing);
    store.acceptAll('th');
    expect(store.hasConsent('analytics')).to.equal(true);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain('refused to store the consent cookie "yinyom" for domain "go.th"');
  });

  it('survives a listener that throws', () => {
    const { store, logged } = setup();
    let called = false;
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe(() => (called = true));
    store.acceptAll('th');
    expect(called).to.equal(true);
    expect(logged.some((line) => line.includes('a consent listener threw'))).to.equal(true);
  });

  it('stops calling a listener once unsubscribed', () => {
    const { store } = setup();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.acceptAll('th');
    stop();
    store.rejectAll('th');
    expect(calls).to.equal(1);
  });

  it('stores nothing new and announces nothing when the same answer is given again', () => {
    const storage = memoryStorage();
    const { store, clock, changes } = setup({ categories: 'analytics marketing' }, storage);
    const first = store.acceptAll('th');
    const written = storage.readAll()[0];
    clock.now += DAY;
    const again = store.acceptAll('en');
    expect(again.consent).to.equal(first.consent);
    expect(again.changed).to.deep.equal([]);
    expect(again.first).to.equal(false);
    expect(changes).to.have.length(1);
    expect(storage.readAll()[0]).to.equal(written);
    // The same categories reached another way is still a new, recorded act.
    expect(store.save({ analytics: true, marketing: true }, 'th').consent.method).to.equal('custom');
    expect(changes).to.have.length(2);
  });

  describe('with Global Privacy Control', () => {
    it('accept all grants everything but marketing', () => {
      const { store } = setup({ categories: 'functional analytics marketing' }, memoryStorage(), undefined, true);
      expect(store.gpc).to.equal(true);
      const { consent } = store.acceptAll('th');
      expect(consent.categories).to.deep.equal({
        necessary: true,
        functional: true,
        analytics: true,
        marketing: false,
      });
    });

    it('lets an explicit switch turn marketing on', () => {
      const { store } = setup({ categories: 'analytics marketing' }, memoryStorage(), undefined, true);
      expect(store.save({ marketing: true }, 'th').consent.categories.marketing).to.equal(true);
    });
  });

  describe('refresh (another tab wrote the cookie)', () => {
    it('picks up a choice made elsewhere and reports it as remote', () => {
      const storage = memoryStorage();
      const here = setup({ categories: 'analytics' }, storage);
      const there = setup({ categories: 'analytics' }, storage);
      expect(here.store.refresh()).to.equal(false);
      const { consent } = there.store.acceptAll('en');
      expect(here.store.refresh()).to.equal(true);
      expect(here.store.consent).to.deep.equal(consent);
      expect(here.changes).to.deep.equal([{ consent, changed: ['analytics'], first: false }]);
      expect(here.remotes).to.deep.equal([true]);
      expect(there.remotes).to.deep.equal([false]);
      expect(here.store.refresh()).to.equal(false);
    });

    it('forgets when another tab reset, and stays quiet about a value it cannot read', () => {
      const storage = memoryStorage();
      const here = setup({}, storage);
      here.store.acceptAll('th');
      storage.remove();
      expect(here.store.refresh()).to.equal(true);
      expect(here.store.consent).to.equal(null);
      expect(here.changes[here.changes.length - 1]).to.equal(null);
      storage.write('garbage', 1);
      expect(here.store.refresh()).to.equal(false);
      expect(here.logged).to.deep.equal([]);
    });
  });
});
