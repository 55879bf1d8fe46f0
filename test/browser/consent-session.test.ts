import { expect } from '@open-wc/testing';
import { clearWithdrawn } from '../../src/browser/cookie-cleaner.js';
import {
  ConsentSession,
  type Later,
  type SessionAdapters,
  type SessionHooks,
} from '../../src/browser/consent-session.js';
import type { ConsentReceipt } from '../../src/browser/receipt.js';
import { GATE_STATE } from '../../src/browser/script-gate.js';
import { parseConfig, type ConsentConfig, type RawConfig } from '../../src/core/config.js';
import { memoryStorage } from '../../src/core/consent-storage.js';
import { ConsentStore, type ConsentChange } from '../../src/core/consent-store.js';
import { globalPrivacyControl } from '../../src/core/gpc.js';
import type { YinyomReadyDetail } from '../../src/events/yinyom-ready.js';
import { sha256 } from '../../src/internal/sha256.js';

/**
 * ConsentSession without any element: every adapter and hook is a fake, and each one that
 * carries out a choice writes its name into one shared `effects` array, so the order in
 * which the session carries a choice out can be asserted exactly.
 */

const config = (raw: RawConfig = {}): ConsentConfig => {
  const { config, problems } = parseConfig(raw, { secure: true });
  expect(problems, 'the test config itself is valid').to.deep.equal([]);
  return config;
};

/**
 * A stored choice as another page view (or another tab) would have written it, a second
 * later than this tab's clock: the store tells records apart by id and date, to the ms.
 */
function storedChoice(raw: RawConfig, choose: (store: ConsentStore) => ConsentChange, storage = memoryStorage()) {
  choose(new ConsentStore(config(raw), storage, { log: { warn() {}, error() {} }, now: () => Date.now() + 1000 }));
  return storage;
}

const last = <T>(list: readonly T[]): T => list[list.length - 1];

/** The Consent Mode commands in a dataLayer, as plain arrays: ['consent', 'default', {…}]. */
const commands = (dataLayer: ArrayLike<unknown>) =>
  Array.from(dataLayer, (entry) => Array.from(entry as ArrayLike<unknown>)) as Array<
    [string, string, Record<string, string>]
  >;

interface WorldOptions {
  jar?: string;
  storage?: ReturnType<typeof memoryStorage>;
  gpc?: () => boolean;
  navigatorGpc?: unknown;
  hooks?: Partial<SessionHooks>;
  /** Leaves the real gate in place instead of recording its apply(). */
  realGate?: boolean;
  /** The second file as the session receives it: here at once by default. */
  extra?: () => Promise<Later>;
  extraWait?: number;
}

function world(options: WorldOptions = {}) {
  const effects: string[] = [];
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];

  // Cross-tab: a BroadcastChannel that records what this tab sends.
  const channels: FakeChannel[] = [];
  class FakeChannel {
    onmessage: ((event: MessageEvent) => void) | null = null;
    closed = false;
    constructor(readonly name: string) {
      channels.push(this);
    }
    postMessage() {
      effects.push('tabs');
    }
    close() {
      this.closed = true;
    }
  }

  // Consent Mode: a dataLayer that is still an array, with pushes recorded.
  const dataLayer: unknown[] = [];
  dataLayer.push = (...items: unknown[]) => {
    effects.push('consent-mode');
    return Array.prototype.push.apply(dataLayer, items);
  };

  const winEvents: Event[] = [];
  // The window's own listeners (pagehide): `leave()` below fires them.
  const winListeners = new EventTarget();
  const win = {
    addEventListener: winListeners.addEventListener.bind(winListeners),
    removeEventListener: winListeners.removeEventListener.bind(winListeners),
    dataLayer,
    location: {
      origin: 'https://www.example.go.th',
      pathname: '/shop/cart',
      search: '?email=someone%40example.com',
      hostname: 'www.example.go.th',
      reload: () => effects.push('location.reload'),
    },
    navigator: { globalPrivacyControl: options.navigatorGpc },
    BroadcastChannel: FakeChannel,
    dispatchEvent: (event: Event) => {
      winEvents.push(event);
      effects.push(`window:${event.type}`);
      return true;
    },
  } as unknown as Window;

  // A real (inert) document for the gate, whose cookie jar is a fixed string and whose writes are recorded.
  const doc = document.implementation.createHTMLDocument('session');
  const cookieWrites: string[] = [];
  Object.defineProperty(doc, 'cookie', {
    configurable: true,
    get: () => options.jar ?? '',
    set: (value: string) => void cookieWrites.push(value),
  });
  // WebKit leaves a created document "loading" for good, and the gate waits for its
  // DOMContentLoaded before a pass: say it has loaded, as Chromium and Firefox do.
  Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'complete' });

  const beacons: Array<{ url: string; data: BodyInit }> = [];
  const storage = options.storage ?? memoryStorage();
  const adapters: SessionAdapters = {
    win,
    doc,
    log: {
      warn: (...args: unknown[]) => void warnings.push(args),
      error: (...args: unknown[]) => void errors.push(args),
    },
    reload: () => effects.push('reload'),
    extra: options.extra ?? (() => Promise.resolve({ sha256, clearWithdrawn })),
    extraWait: options.extraWait,
    storage: () => storage,
    gpc: options.gpc ?? (() => false),
    transport: {
      sendBeacon: (url, data) => {
        effects.push('receipt');
        beacons.push({ url, data });
        return true;
      },
    },
  };
  if (options.gpc === undefined && 'navigatorGpc' in options) delete (adapters as { gpc?: unknown }).gpc;

  const target = new EventTarget();
  const events: CustomEvent[] = [];
  for (const type of ['yinyom-ready', 'yinyom-change']) {
    target.addEventListener(type, (event) => {
      events.push(event as CustomEvent);
      effects.push(type === 'yinyom-change' ? 'change' : 'ready');
    });
  }
  const hooks: SessionHooks = {
    target: () => target,
    changed: () => effects.push('changed'),
    ...options.hooks,
  };

  const session = new ConsentSession(adapters, hooks);
  if (!options.realGate) {
    session.gate.apply = () => {
      effects.push('gate');
      return Promise.resolve();
    };
  }
  /** Another tab's BroadcastChannel message reaching this tab. */
  const otherTabNotifies = () => {
    for (const channel of channels) if (!channel.closed) channel.onmessage?.(new MessageEvent('message', { data: 0 }));
  };
  /** The visitor leaves the page (or the session reloads it). */
  const leave = () => winListeners.dispatchEvent(new Event('pagehide'));
  /** The names of the cookies the session expired, in order. */
  const expired = () => cookieWrites.map((write) => write.slice(0, write.indexOf('=')));
  return {
    session,
    effects,
    errors,
    warnings,
    dataLayer,
    win,
    winEvents,
    doc,
    cookieWrites,
    expired,
    beacons,
    storage,
    target,
    events,
    channels,
    otherTabNotifies,
    leave,
  };
}

/** A second file that has not arrived yet: `arrive()` or `fail()` decides. */
function lateExtra() {
  let arrive!: () => void;
  let fail!: () => void;
  const promise = new Promise<Later>((resolve, reject) => {
    arrive = () => resolve({ sha256, clearWithdrawn });
    fail = () => reject(new Error('yinyom: yinyom.extra.min.js could not be loaded'));
  });
  return { extra: () => promise, arrive, fail };
}

/** The visitor accepts everything, analytics runs, then they refuse everything. */
function acceptRunWithdraw(w: ReturnType<typeof world>) {
  w.session.configure(config());
  w.session.listen();
  w.session.store!.acceptAll('th');
  w.session.gate.ran.add('analytics');
  w.effects.length = 0;
  w.session.store!.rejectAll('th');
}

/** A session listening with a log-url and a wording hook, given its second file. */
function receiptWorld(wording: () => string, extra?: () => Promise<Later>) {
  const w = world({ extra, hooks: { wording: () => wording } });
  w.session.configure(config({ 'log-url': '/consent' }));
  w.session.listen();
  return w;
}

const receipts = (w: ReturnType<typeof world>) =>
  Promise.all(w.beacons.map(async (beacon) => JSON.parse(await (beacon.data as Blob).text()) as ConsentReceipt));

describe('ConsentSession', () => {
  describe('configure()', () => {
    it('builds a store with nothing stored: Consent Mode default only, then yinyom-ready with consent null', () => {
      const w = world();
      expect(w.session.store).to.equal(undefined);
      expect(w.session.configure(config())).to.equal(true);
      expect(w.session.store).to.be.instanceOf(ConsentStore);
      expect(w.session.store!.consent).to.equal(null);
      expect(w.effects).to.deep.equal(['consent-mode', 'ready']);
      const [[gtag, command, state]] = commands(w.dataLayer);
      expect([gtag, command]).to.deep.equal(['consent', 'default']);
      expect(state.analytics_storage).to.equal('denied');
      expect(state.ad_storage).to.equal('denied');
      expect(w.events).to.have.length(1);
      expect(w.events[0].type).to.equal('yinyom-ready');
      expect((w.events[0].detail as YinyomReadyDetail).consent).to.equal(null);
      expect(w.winEvents, 'the target, not the window, gets the event').to.deep.equal([]);
    });

    it('reads a stored choice: pushes the Consent Mode default, then the update, then dispatches yinyom-ready', () => {
      const raw = { categories: 'analytics marketing' };
      const storage = storedChoice(raw, (store) => store.save({ analytics: true }, 'th'));
      const w = world({ storage });
      expect(w.session.configure(config(raw))).to.equal(true);
      expect(w.session.store!.hasConsent('analytics')).to.equal(true);
      expect(w.session.store!.hasConsent('marketing')).to.equal(false);
      expect(w.effects).to.deep.equal(['consent-mode', 'consent-mode', 'ready']);
      const [first, second] = commands(w.dataLayer);
      expect(first.slice(0, 2)).to.deep.equal(['consent', 'default']);
      expect(first[2].analytics_storage).to.equal('denied');
      expect(second.slice(0, 2)).to.deep.equal(['consent', 'update']);
      expect(second[2].analytics_storage).to.equal('granted');
      expect(second[2].ad_storage).to.equal('denied');
      const detail = w.events[0].detail as YinyomReadyDetail;
      expect(detail.consent).to.equal(w.session.store!.consent);
      expect(detail.consent!.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
      expect(Object.isFrozen(detail)).to.equal(true);
    });

    it('dispatches on the window adapter when there is no target hook', () => {
      const w = world({ hooks: { target: undefined } });
      w.session.configure(config());
      expect(w.winEvents.map((event) => event.type)).to.deep.equal(['yinyom-ready']);
      expect(w.events).to.deep.equal([]);
    });

    it('keeps the store when only the view changes (position, theme, org)', () => {
      const w = world();
      expect(w.session.configure(config({ categories: 'analytics marketing' }))).to.equal(true);
      const store = w.session.store;
      w.effects.length = 0;
      expect(
        w.session.configure(
          config({ categories: 'marketing analytics', position: 'top', theme: 'dark', org: 'Example Co.' }),
        ),
      ).to.equal(false);
      expect(w.session.store).to.equal(store);
      expect(w.effects, 'no second default, no second yinyom-ready').to.deep.equal([]);
    });

    for (const [name, raw] of [
      ['cookie-name', { 'cookie-name': 'site_consent' }],
      ['cookie-domain', { 'cookie-domain': 'example.go.th' }],
      ['revision', { revision: '2' }],
      ['expires-days', { 'expires-days': '30' }],
      ['categories', { categories: 'analytics functional' }],
      ['respect-gpc', { 'respect-gpc': 'off' }],
    ] as Array<[string, RawConfig]>) {
      it(`builds a new store when ${name} changes`, () => {
        const w = world();
        expect(w.session.configure(config())).to.equal(true);
        const store = w.session.store;
        w.effects.length = 0;
        expect(w.session.configure(config(raw))).to.equal(true);
        expect(w.session.store).to.not.equal(store);
        expect(w.session.store!.config).to.deep.equal(config(raw));
        // The default is already there; the signals follow the new store's choice (none: denied).
        expect(w.effects).to.deep.equal(['consent-mode', 'ready']);
        const [, kind, state] = last(commands(w.dataLayer));
        expect([kind, state.analytics_storage, state.ad_storage]).to.deep.equal(['update', 'denied', 'denied']);
      });
    }

    it('a new store stops the old one being carried out until listen() again', () => {
      const w = world();
      w.session.configure(config());
      w.session.listen();
      const old = w.session.store!;
      w.session.configure(config({ revision: '2' }));
      expect(w.channels.map((channel) => channel.closed)).to.deep.equal([true]);
      w.effects.length = 0;
      old.acceptAll('th');
      expect(w.effects).to.deep.equal([]);
      w.session.listen();
      w.session.store!.acceptAll('th');
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'gate', 'changed']);
    });

    it('a new revision mid-page withdraws the old grant in Consent Mode at once', () => {
      const storage = storedChoice({}, (store) => store.acceptAll('th'));
      const w = world({ storage });
      w.session.configure(config());
      expect(last(commands(w.dataLayer))[2].analytics_storage).to.equal('granted');
      w.session.configure(config({ revision: '2' }));
      expect(w.session.store!.consent, 'the new revision asks again').to.equal(null);
      const [, kind, state] = last(commands(w.dataLayer));
      expect([kind, state.analytics_storage]).to.deep.equal(['update', 'denied']);
    });

    it('what ran under the old revision is withdrawn when the visitor refuses under the new one', async () => {
      const storage = storedChoice({}, (store) => store.acceptAll('th'));
      const w = world({ storage, jar: 'yinyom=1|x; _ga=GA1.1' });
      w.session.configure(config());
      w.session.gate.ran.add('analytics');
      w.session.configure(config({ revision: '2' }));
      w.session.listen();
      w.effects.length = 0;
      w.session.store!.rejectAll('th');
      await w.session.settled;
      expect(new Set(w.expired())).to.deep.equal(new Set(['_ga']));
      expect(w.effects.slice(-2)).to.deep.equal(['changed', 'reload']);
    });

    it('turning consent-mode on later pushes the default, and the update for a stored choice', () => {
      const storage = storedChoice({}, (store) => store.acceptAll('th'));
      const w = world({ storage });
      w.session.configure(config({ 'consent-mode': 'off' }));
      expect(w.dataLayer).to.have.length(0);
      expect(w.session.configure(config())).to.equal(false);
      expect(commands(w.dataLayer).map(([, kind]) => kind)).to.deep.equal(['default', 'update']);
    });
  });

  describe('listen()', () => {
    it('carries out a choice in the documented order: tabs, change, Consent Mode, receipt, gate, render', () => {
      const w = world();
      w.session.configure(config({ 'log-url': 'https://log.example.go.th/consent', 'policy-url': '/privacy' }));
      w.session.listen();
      w.effects.length = 0;
      const change = w.session.store!.acceptAll('en');
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'receipt', 'gate', 'changed']);
      expect(last(w.events).type).to.equal('yinyom-change');
      expect(last(w.events).detail).to.equal(change);
      const update = last(commands(w.dataLayer));
      expect(update.slice(0, 2)).to.deep.equal(['consent', 'update']);
      expect(update[2].analytics_storage).to.equal('granted');
    });

    it('sends the receipt to log-url with the record, the page without its query, and the policy', async () => {
      const w = world();
      w.session.configure(config({ 'log-url': 'https://log.example.go.th/consent', 'policy-url': '/privacy' }));
      w.session.listen();
      const { consent } = w.session.store!.acceptAll('th');
      expect(w.beacons).to.have.length(1);
      expect(w.beacons[0].url).to.equal('https://log.example.go.th/consent');
      const body: unknown = JSON.parse(await (w.beacons[0].data as Blob).text());
      expect(body).to.deep.equal({
        ...consent,
        page: 'https://www.example.go.th/shop/cart',
        policyUrl: '/privacy',
        source: 'api',
        event: 'first',
      });
    });

    it('says in each receipt where the choice was made, what it was, and which wording was shown', async () => {
      const wording = 'th\nเว็บไซต์นี้ใช้คุกกี้';
      const w = world({ hooks: { wording: () => () => wording } });
      w.session.configure(config({ 'log-url': '/consent', categories: 'analytics marketing' }));
      w.session.listen();
      const store = w.session.store!;
      const bodies = async () =>
        Promise.all(w.beacons.map(async (beacon) => JSON.parse(await (beacon.data as Blob).text()) as ConsentReceipt));
      w.session.source = 'banner';
      store.rejectAll('th');
      w.session.source = 'preferences';
      store.save({ analytics: true }, 'th');
      w.session.source = 'placeholder';
      store.save({ analytics: true, marketing: true }, 'th');
      w.session.source = 'api';
      store.save({ marketing: true }, 'en');
      store.reset();
      await w.session.settled;
      const sent = await bodies();
      expect(sent.map((r) => [r.source, r.event])).to.deep.equal([
        ['banner', 'first'],
        ['preferences', 'change'],
        ['placeholder', 'change'],
        ['api', 'withdrawal'],
        ['api', 'reset'],
      ]);
      // A reset ends the consent: the last record, nothing optional granted from then on.
      const [reset, before] = [sent[4], sent[3]];
      expect(reset.id).to.equal(before.id);
      expect(reset.method).to.equal('reject-all');
      expect(reset.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false });
      expect(Date.parse(reset.updatedAt)).to.be.at.least(Date.parse(before.updatedAt));
      // The digest, checked against the browser's own SHA-256.
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(wording)));
      const expected = btoa(String.fromCharCode(...digest))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      expect(new Set(sent.map((r) => r.noticeDigest))).to.deep.equal(new Set([`sha256-${expected}`]));
    });

    it('a receipt with a digest waits for the second file, then goes once, with it', async () => {
      const late = lateExtra();
      const w = receiptWorld(() => 'th\nwording', late.extra);
      w.session.store!.acceptAll('th');
      expect(w.beacons, 'not before the file').to.have.length(0);
      late.arrive();
      await w.session.settled;
      w.leave();
      const [receipt, ...more] = await receipts(w);
      expect(more, 'leaving the page later sends nothing again').to.deep.equal([]);
      expect(receipt.noticeDigest).to.equal(`sha256-${sha256('th\nwording')}`);
    });

    it('a receipt is never lost: without the second file it goes without a digest', async () => {
      const late = lateExtra();
      const w = receiptWorld(() => 'th', late.extra);
      w.session.store!.acceptAll('th');
      late.fail();
      await w.session.settled;
      const [receipt, ...more] = await receipts(w);
      expect(more).to.deep.equal([]);
      expect(receipt.event).to.equal('first');
      expect(receipt).to.not.have.property('noticeDigest');
    });

    it('a receipt is never lost: leaving the page before the second file sends it at once, once', async () => {
      const late = lateExtra();
      const w = receiptWorld(() => 'th', late.extra);
      w.session.store!.acceptAll('th');
      w.session.store!.rejectAll('th');
      w.leave();
      expect(w.beacons, 'both choices, on pagehide').to.have.length(2);
      late.arrive();
      await w.session.settled;
      const sent = await receipts(w);
      expect(sent.map((r) => r.method)).to.deep.equal(['accept-all', 'reject-all']);
      expect(sent.every((r) => r.noticeDigest === undefined)).to.equal(true);
    });

    it('a wording that throws: the receipt goes without a digest, and the console says why', async () => {
      const w = receiptWorld(() => {
        throw new Error('no texts');
      });
      w.session.store!.acceptAll('th');
      await w.session.settled;
      const [receipt] = await receipts(w);
      expect(receipt.noticeDigest).to.equal(undefined);
      expect(String(w.errors[0][0])).to.contain('wording digest');
    });

    it('listening twice subscribes once', () => {
      const w = world();
      w.session.configure(config());
      w.session.listen();
      w.session.listen();
      expect(w.channels).to.have.length(1);
      w.effects.length = 0;
      w.session.store!.acceptAll('th');
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'gate', 'changed']);
    });

    it('does nothing before configure()', () => {
      const w = world();
      w.session.listen();
      expect(w.channels).to.deep.equal([]);
      expect(w.session.store).to.equal(undefined);
    });

    it('a change from another tab: change and Consent Mode, but no tab notice and no receipt', () => {
      const raw = { 'log-url': 'https://log.example.go.th/consent' };
      const w = world();
      w.session.configure(config(raw));
      w.session.listen();
      expect(w.channels.map((channel) => channel.name)).to.deep.equal(['yinyom:yinyom']);
      w.effects.length = 0;
      // Another tab chooses on the same storage and tells this one.
      storedChoice(raw, (store) => store.acceptAll('th'), w.storage);
      w.otherTabNotifies();
      expect(w.session.store!.hasConsent('analytics')).to.equal(true);
      expect(w.effects).to.deep.equal(['change', 'consent-mode', 'gate', 'changed']);
      expect(w.beacons).to.deep.equal([]);
      expect(last(commands(w.dataLayer))[2].analytics_storage).to.equal('granted');
    });

    it('a reset sends no yinyom-change but withdraws in Consent Mode, sends its receipt and re-renders', () => {
      const w = world();
      w.session.configure(config({ 'log-url': '/consent' }));
      w.session.listen();
      w.session.store!.acceptAll('th');
      w.effects.length = 0;
      w.session.store!.reset();
      expect(w.effects).to.deep.equal(['tabs', 'consent-mode', 'receipt', 'gate', 'changed']);
      expect(last(commands(w.dataLayer))[2].analytics_storage).to.equal('denied');
    });

    it('no log-url: no receipt', () => {
      const w = world();
      w.session.configure(config());
      w.session.listen();
      w.effects.length = 0;
      w.session.store!.acceptAll('th');
      expect(w.beacons).to.deep.equal([]);
      expect(w.effects).to.not.include('receipt');
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'gate', 'changed']);
    });

    it('consent-mode off: nothing ever reaches the dataLayer', () => {
      const raw = { 'consent-mode': 'off' };
      const storage = storedChoice(raw, (store) => store.acceptAll('th'));
      const w = world({ storage });
      w.session.configure(config(raw));
      w.session.listen();
      w.session.store!.rejectAll('th');
      w.session.store!.reset();
      expect(w.dataLayer).to.have.length(0);
      expect(w.effects).to.not.include('consent-mode');
    });

    it('the real gate, on the doc adapter: blocked before the choice, live after it', async () => {
      const blocked: Element[] = [];
      const live: Element[] = [];
      const w = world({
        realGate: true,
        hooks: { blocked: (element) => blocked.push(element), live: (element) => live.push(element) },
      });
      w.doc.body.innerHTML = '<img data-consent="analytics" data-src="https://stats.example/pixel.gif" alt="">';
      const img = w.doc.querySelector('img')!;
      w.session.configure(config());
      w.session.listen();
      await w.session.gate.apply();
      expect(blocked).to.deep.equal([img]);
      expect(img.hasAttribute('src')).to.equal(false);
      w.session.store!.acceptAll('th');
      await w.session.gate.apply();
      expect(live).to.deep.equal([img]);
      expect(img.getAttribute('src')).to.equal('https://stats.example/pixel.gif');
      expect(img.getAttribute(GATE_STATE)).to.equal('done');
      expect([...w.session.gate.ran]).to.deep.equal(['analytics']);
      expect(w.errors).to.deep.equal([]);
    });
  });

  describe('withdrawal', () => {
    const jar =
      'yinyom=1|x; _ga=GA1.1; _ga_ABC123=GS1; _gid=GA1.2; _gcl_au=1.1; site_stats=9; _hjid=7; session=abc; _gax=keep';
    const hooks = { declaredCookies: (category: string) => (category === 'analytics' ? ['site_stats', 'yinyom'] : []) };

    it('expires tracker and declared cookies, keeps the consent cookie, re-renders, then reloads once', async () => {
      const w = world({ jar, hooks });
      w.session.configure(config({ categories: 'analytics marketing', 'clear-cookies': 'analytics:_hj*' }));
      w.session.listen();
      w.session.store!.save({ analytics: true }, 'th');
      w.session.gate.ran.add('analytics');
      w.effects.length = 0;
      w.session.store!.rejectAll('th');
      await w.session.settled;
      expect(w.expired()).to.have.members(['_ga', '_ga_ABC123', '_gid', 'site_stats', '_hjid']);
      expect(w.expired()).to.have.length(5);
      expect(w.expired(), 'the consent cookie stays, even when the site declares it').to.not.include('yinyom');
      expect(w.expired(), 'marketing was never granted').to.not.include('_gcl_au');
      for (const write of w.cookieWrites)
        expect(write).to.match(/=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=\/$/);
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'changed', 'reload']);
      expect(w.effects.filter((effect) => effect === 'reload')).to.have.length(1);
    });

    it('reloads through win.location.reload() when there is no reload adapter', async () => {
      const w = world({ jar });
      const session = new ConsentSession(
        { win: w.win, doc: w.doc, storage: () => memoryStorage(), gpc: () => false, log: { warn() {}, error() {} } },
        { target: () => w.target },
      );
      session.configure(config());
      session.listen();
      session.store!.acceptAll('th');
      session.gate.ran.add('analytics');
      w.effects.length = 0;
      session.store!.rejectAll('th');
      await session.settled;
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'location.reload']);
    });

    it('clears cookies but does not reload when the withdrawn category never ran', async () => {
      const w = world({ jar, hooks });
      w.session.configure(config({ categories: 'analytics marketing' }));
      w.session.listen();
      w.session.store!.acceptAll('th');
      w.session.gate.ran.add('marketing');
      w.effects.length = 0;
      w.session.store!.save({ marketing: true }, 'th');
      await w.session.settled;
      expect(w.expired()).to.have.members(['_ga', '_ga_ABC123', '_gid', 'site_stats']);
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'gate', 'changed']);
    });

    it('reload-on-withdrawal off: cookies go, the page stays', async () => {
      const w = world({ jar, hooks });
      w.session.configure(config({ 'reload-on-withdrawal': 'off' }));
      w.session.listen();
      w.session.store!.acceptAll('th');
      w.session.gate.ran.add('analytics');
      w.effects.length = 0;
      w.session.store!.rejectAll('th');
      await w.session.settled;
      expect(w.expired()).to.have.members(['_ga', '_ga_ABC123', '_gid', 'site_stats']);
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'gate', 'changed']);
      expect(w.effects).to.not.include('reload');
    });

    it('a withdrawal read from another tab clears and reloads here too', async () => {
      const w = world({ jar, hooks });
      w.session.configure(config());
      w.session.listen();
      w.session.store!.acceptAll('th');
      w.session.gate.ran.add('analytics');
      w.effects.length = 0;
      storedChoice({}, (store) => store.rejectAll('th'), w.storage);
      w.otherTabNotifies();
      await w.session.settled;
      expect(w.expired()).to.include('_ga');
      expect(w.effects).to.deep.equal(['change', 'consent-mode', 'changed', 'reload']);
    });

    it('a reload waits for the second file to clear the cookies first', async () => {
      const late = lateExtra();
      const w = world({ jar, hooks, extra: late.extra });
      acceptRunWithdraw(w);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(w.effects, 'rendered, not yet reloaded').to.deep.equal(['tabs', 'change', 'consent-mode', 'changed']);
      late.arrive();
      await w.session.settled;
      await Promise.resolve();
      expect(w.expired()).to.include('_ga');
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'changed', 'reload']);
    });

    it('a second file that never comes holds the reload a bounded while only; the console says what stayed', async () => {
      const late = lateExtra();
      const w = world({ jar, hooks, extra: late.extra, extraWait: 30 });
      acceptRunWithdraw(w);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(w.effects.filter((effect) => effect === 'reload')).to.have.length(1);
      expect(w.cookieWrites).to.deep.equal([]);
      late.fail();
      await w.session.settled;
      expect(String(last(w.errors)[0])).to.match(/withdrawn categories \(analytics\) could not be deleted/);
      expect(
        w.effects.filter((effect) => effect === 'reload'),
        'still once',
      ).to.have.length(1);
    });

    it('granting more withdraws nothing: no cookie is touched', async () => {
      const w = world({ jar, hooks });
      w.session.configure(config({ categories: 'analytics marketing' }));
      w.session.listen();
      w.session.store!.save({ analytics: true }, 'th');
      w.session.gate.ran.add('analytics');
      w.session.store!.acceptAll('th');
      await w.session.settled;
      expect(w.cookieWrites).to.deep.equal([]);
      expect(w.effects).to.not.include('reload');
    });
  });

  describe('stop()', () => {
    it('after stop() a choice has no effects, and the channel is closed', () => {
      const w = world({ jar: '_ga=1' });
      w.session.configure(config({ 'log-url': '/consent' }));
      w.session.listen();
      w.session.store!.acceptAll('th');
      w.session.gate.ran.add('analytics');
      w.session.stop();
      expect(w.channels[0].closed).to.equal(true);
      w.effects.length = 0;
      w.session.store!.rejectAll('th');
      w.session.store!.reset();
      expect(w.effects).to.deep.equal([]);
      expect(w.cookieWrites).to.deep.equal([]);
      expect(w.beacons).to.have.length(1);
    });

    it('listen() after stop() carries choices out again', () => {
      const w = world();
      w.session.configure(config());
      w.session.listen();
      w.session.stop();
      w.session.listen();
      w.effects.length = 0;
      w.session.store!.acceptAll('th');
      expect(w.effects).to.deep.equal(['tabs', 'change', 'consent-mode', 'gate', 'changed']);
    });
  });

  describe('a hook that throws', () => {
    it('a render that throws during a withdrawal still reloads the page', async () => {
      const w = world({
        jar: '_ga=GA1.1',
        hooks: {
          changed: () => {
            throw new Error('render failed');
          },
        },
      });
      acceptRunWithdraw(w);
      await w.session.settled;
      expect(w.effects).to.include('reload');
    });

    it('a target whose dispatchEvent throws: the error is logged and the later effects still happen', () => {
      const failure = new Error('dispatch failed');
      const target = new EventTarget();
      const w = world({ hooks: { target: () => target } });
      w.session.configure(config({ 'log-url': '/consent' }));
      w.session.listen();
      target.dispatchEvent = () => {
        throw failure;
      };
      w.effects.length = 0;
      w.session.store!.acceptAll('th');
      expect(w.effects).to.deep.equal(['tabs', 'consent-mode', 'receipt', 'gate', 'changed']);
      expect(w.errors).to.deep.equal([['yinyom: a consent listener threw:', failure]]);
      expect(w.session.store!.hasConsent('analytics')).to.equal(true);
    });

    it('a dataLayer that throws: Consent Mode gives up quietly, the receipt and the gate go on', () => {
      const w = world();
      w.session.configure(config({ 'log-url': '/consent' }));
      w.session.listen();
      const consoleError = console.error;
      const reported: unknown[] = [];
      console.error = (...args: unknown[]) => void reported.push(args[0]);
      try {
        w.dataLayer.push = () => {
          throw new Error('frozen');
        };
        w.effects.length = 0;
        w.session.store!.acceptAll('th');
      } finally {
        console.error = consoleError;
      }
      expect(w.effects).to.deep.equal(['tabs', 'change', 'receipt', 'gate', 'changed']);
      expect(reported).to.have.length(1);
      expect(String(reported[0])).to.contain('dataLayer');
    });
  });

  describe('Global Privacy Control', () => {
    it('with respect-gpc on, accept all leaves marketing refused', () => {
      const w = world({ gpc: () => true });
      w.session.configure(config({ categories: 'analytics marketing' }));
      expect(w.session.store!.gpc).to.equal(true);
      const { consent } = w.session.store!.acceptAll('th');
      expect(consent.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    });

    it('with respect-gpc off, the signal is not even asked for', () => {
      let asked = 0;
      const w = world({
        gpc: () => {
          asked++;
          return true;
        },
      });
      w.session.configure(config({ categories: 'analytics marketing', 'respect-gpc': 'off' }));
      expect(asked).to.equal(0);
      expect(w.session.store!.gpc).to.equal(false);
      expect(w.session.store!.acceptAll('th').consent.categories.marketing).to.equal(true);
    });

    it('without a gpc adapter, reads navigator.globalPrivacyControl of the win adapter', () => {
      for (const [signal, gpc] of [
        [true, true],
        ['1', true],
        [false, false],
        [undefined, false],
      ] as Array<[unknown, boolean]>) {
        const w = world({ navigatorGpc: signal });
        w.session.configure(config({ categories: 'analytics marketing' }));
        expect(w.session.store!.gpc, String(signal)).to.equal(gpc);
      }
    });
  });
});

describe('globalPrivacyControl()', () => {
  const nav = (value: unknown) => ({ globalPrivacyControl: value }) as unknown as Navigator;

  it('is true for true and for "1"', () => {
    expect(globalPrivacyControl(nav(true))).to.equal(true);
    expect(globalPrivacyControl(nav('1'))).to.equal(true);
  });

  it('is false for false, "0", undefined, other truthy values, and no navigator', () => {
    for (const value of [false, '0', undefined, null, 1, 'true', 'yes', {}]) {
      expect(globalPrivacyControl(nav(value)), JSON.stringify(value) ?? 'undefined').to.equal(false);
    }
    expect(globalPrivacyControl({} as Navigator)).to.equal(false);
    expect(globalPrivacyControl(undefined)).to.equal(globalPrivacyControl(globalThis.navigator));
  });

  it('is false when the getter throws', () => {
    const throwing = Object.defineProperty({}, 'globalPrivacyControl', {
      get() {
        throw new Error('blocked by an extension');
      },
    }) as Navigator;
    expect(globalPrivacyControl(throwing)).to.equal(false);
  });
});
