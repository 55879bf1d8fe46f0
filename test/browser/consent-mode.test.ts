import { expect } from '@open-wc/testing';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import {
  consentModeState,
  pushConsentDefault,
  pushConsentUpdate,
  type ConsentModeState,
} from '../../src/browser/consent-mode.js';

type FakeWindow = Window & { dataLayer?: unknown };

const record = (categories: Record<string, boolean>, method: ConsentRecord['method'] = 'custom'): ConsentRecord => ({
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  revision: '1',
  language: 'th',
  givenAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  method,
  categories: { necessary: true, ...categories },
});

const ALL_DENIED: ConsentModeState = {
  ad_storage: 'denied',
  analytics_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

/** A fresh window stand-in per test; `dataLayer` is set only when passed, even as undefined. */
const fakeWindow = (...dataLayer: unknown[]): FakeWindow =>
  (dataLayer.length ? { dataLayer: dataLayer[0] } : {}) as FakeWindow;

const isArguments = (entry: unknown) => Object.prototype.toString.call(entry) === '[object Arguments]';

/** Each entry as [isArguments, ...items], so a test fails if entries are plain arrays. */
const entries = (win: FakeWindow) =>
  Array.from(win.dataLayer as ArrayLike<unknown>, (entry) => [
    isArguments(entry),
    ...Array.from(entry as ArrayLike<unknown>),
  ]);

function captureErrors() {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  return { errors, restore: () => (console.error = original) };
}

const BAD_MESSAGE = 'yinyom: window.dataLayer is not an array; Consent Mode signals were not sent.';

describe('consentModeState', () => {
  it('denies everything optional before a choice, but always grants security_storage', () => {
    expect(consentModeState(null)).to.deep.equal(ALL_DENIED);
  });

  it('grants everything for accept-all', () => {
    const state = consentModeState(record({ functional: true, analytics: true, marketing: true }, 'accept-all'));
    expect(state).to.deep.equal({
      ad_storage: 'granted',
      analytics_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
      security_storage: 'granted',
    });
  });

  it('denies everything optional for reject-all', () => {
    const state = consentModeState(record({ functional: false, analytics: false, marketing: false }, 'reject-all'));
    expect(state).to.deep.equal(ALL_DENIED);
  });

  it('maps analytics alone to analytics_storage', () => {
    expect(consentModeState(record({ functional: false, analytics: true, marketing: false }))).to.deep.equal({
      ...ALL_DENIED,
      analytics_storage: 'granted',
    });
  });

  it('maps marketing alone to ad_storage, ad_user_data and ad_personalization', () => {
    expect(consentModeState(record({ functional: false, analytics: false, marketing: true }))).to.deep.equal({
      ...ALL_DENIED,
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
    });
  });

  it('maps functional alone to functionality_storage and personalization_storage', () => {
    expect(consentModeState(record({ functional: true, analytics: false, marketing: false }))).to.deep.equal({
      ...ALL_DENIED,
      functionality_storage: 'granted',
      personalization_storage: 'granted',
    });
  });

  it('denies categories the record never asked about', () => {
    expect(consentModeState(record({ analytics: true }))).to.deep.equal({
      ...ALL_DENIED,
      analytics_storage: 'granted',
    });
  });

  it('returns a fresh object each time', () => {
    const first = consentModeState(null);
    first.ad_storage = 'granted';
    expect(consentModeState(null).ad_storage).to.equal('denied');
  });
});

describe('pushConsentDefault', () => {
  it('creates a missing dataLayer and pushes an Arguments entry like gtag()', () => {
    const win = fakeWindow();
    expect(pushConsentDefault(win)).to.equal(true);
    expect(win.dataLayer).to.be.an('array').with.length(1);
    const [entry] = win.dataLayer as unknown[];
    expect(Object.prototype.toString.call(entry)).to.equal('[object Arguments]');
    expect(Array.isArray(entry)).to.equal(false);
    expect(entries(win)).to.deep.equal([[true, 'consent', 'default', ALL_DENIED]]);
    expect((entry as IArguments)[2]).not.to.have.property('wait_for_update');
  });

  it('adds wait_for_update when asked', () => {
    const win = fakeWindow();
    pushConsentDefault(win, { waitForUpdate: 500 });
    expect(entries(win)).to.deep.equal([[true, 'consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }]]);
  });

  it('appends to an existing dataLayer, keeping what is there', () => {
    const dataLayer: unknown[] = [{ event: 'gtm.js' }];
    const win = fakeWindow(dataLayer);
    expect(pushConsentDefault(win)).to.equal(true);
    expect(win.dataLayer).to.equal(dataLayer);
    expect(dataLayer).to.have.length(2);
    expect(dataLayer[0]).to.deep.equal({ event: 'gtm.js' });
    expect(entries(win)[1]).to.deep.equal([true, 'consent', 'default', ALL_DENIED]);
  });

  it('treats a null dataLayer as missing, as the gtag snippet does', () => {
    const win = fakeWindow(null);
    expect(pushConsentDefault(win)).to.equal(true);
    expect(entries(win)).to.deep.equal([[true, 'consent', 'default', ALL_DENIED]]);
  });

  it('pushes only once when called twice', () => {
    const win = fakeWindow();
    expect(pushConsentDefault(win, { waitForUpdate: 500 })).to.equal(true);
    expect(pushConsentDefault(win, { waitForUpdate: 500 })).to.equal(false);
    expect(win.dataLayer).to.have.length(1);
  });

  it("does not stack on the page's own gtag default (Arguments from the page's realm)", () => {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    try {
      const win = iframe.contentWindow as FakeWindow & { eval(code: string): unknown };
      win.eval(
        `window.dataLayer = window.dataLayer || [];
         function gtag(){dataLayer.push(arguments);}
         gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });
         gtag('js', new Date());`,
      );
      expect(pushConsentDefault(win)).to.equal(false);
      expect(entries(win).map((e) => e.slice(0, 2))).to.deep.equal([
        [true, 'consent'],
        [true, 'js'],
      ]);
    } finally {
      iframe.remove();
    }
  });

  it('still pushes after an update, a region-scoped default, or an array that gtag.js would ignore', () => {
    const update = (function (..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params -- gtag pushes its Arguments object, which Consent Mode requires
      return arguments;
    })('consent', 'update', { ad_storage: 'granted' });
    const regional = (function (..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params -- gtag pushes its Arguments object, which Consent Mode requires
      return arguments;
    })('consent', 'default', { ad_storage: 'granted', region: ['US'] });
    const win = fakeWindow([update, regional, ['consent', 'default', { ad_storage: 'denied' }]]);
    expect(pushConsentDefault(win)).to.equal(true);
    expect(win.dataLayer).to.have.length(4);
    expect(entries(win)[3]).to.deep.equal([true, 'consent', 'default', ALL_DENIED]);
  });

  for (const [label, bad] of [
    ['a string', 'dataLayer'],
    ['a plain object', { event: 'x' }],
    ['an object with push but no length', { push() {} }],
    ['a number', 42],
  ] as const) {
    it(`logs one error and sends nothing when dataLayer is ${label}`, () => {
      const win = fakeWindow(bad);
      const { errors, restore } = captureErrors();
      let pushed: boolean | undefined;
      try {
        pushed = pushConsentDefault(win);
      } finally {
        restore();
      }
      expect(pushed).to.equal(false);
      expect(errors).to.deep.equal([BAD_MESSAGE]);
      expect(win.dataLayer).to.equal(bad);
    });
  }
});

describe('pushConsentUpdate', () => {
  it('pushes consent update with the record as Arguments', () => {
    const win = fakeWindow([]);
    pushConsentUpdate(win, record({ functional: false, analytics: true, marketing: true }));
    const [entry] = win.dataLayer as unknown[];
    expect(Object.prototype.toString.call(entry)).to.equal('[object Arguments]');
    expect(entries(win)).to.deep.equal([
      [
        true,
        'consent',
        'update',
        {
          ...ALL_DENIED,
          analytics_storage: 'granted',
          ad_storage: 'granted',
          ad_user_data: 'granted',
          ad_personalization: 'granted',
        },
      ],
    ]);
  });

  it('creates a missing dataLayer and pushes every update in order after the default', () => {
    const win = fakeWindow();
    pushConsentUpdate(win, record({ analytics: true }));
    pushConsentDefault(win);
    pushConsentUpdate(win, record({ analytics: false }, 'reject-all'));
    expect(entries(win).map((e) => e.slice(0, 3))).to.deep.equal([
      [true, 'consent', 'update'],
      [true, 'consent', 'default'],
      [true, 'consent', 'update'],
    ]);
    expect(entries(win)[2][3]).to.deep.equal(ALL_DENIED);
  });

  it('logs one error and does not throw when dataLayer is not an array', () => {
    const win = fakeWindow('nope');
    const { errors, restore } = captureErrors();
    try {
      expect(() => pushConsentUpdate(win, record({ analytics: true }))).not.to.throw();
    } finally {
      restore();
    }
    expect(errors).to.deep.equal([BAD_MESSAGE]);
    expect(win.dataLayer).to.equal('nope');
  });

  it("works on an iframe's window, next to the page's own gtag() calls", () => {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    try {
      const win = iframe.contentWindow as FakeWindow & { eval(code: string): unknown };
      expect(pushConsentDefault(win, { waitForUpdate: 300 })).to.equal(true);
      win.eval(`function gtag(){dataLayer.push(arguments);} gtag('config', 'G-TEST');`);
      pushConsentUpdate(win, record({ marketing: true }, 'custom'));
      expect(entries(win).map((e) => e.slice(0, 3))).to.deep.equal([
        [true, 'consent', 'default'],
        [true, 'config', 'G-TEST'],
        [true, 'consent', 'update'],
      ]);
      expect(pushConsentDefault(win)).to.equal(false);
    } finally {
      iframe.remove();
    }
  });
});
