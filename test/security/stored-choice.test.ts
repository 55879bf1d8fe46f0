// Issue 11, the stored choice: one rule for reading it (README, "The stored choice"), so that
// a choice is never lost, forged by a sibling site or overridden, whatever the jar holds.
import { expect, waitUntil } from '@open-wc/testing';
import { parseConfig, type RawConfig } from '../../src/core/config.js';
import { decodeRecord, encodeRecord, type ConsentRecord } from '../../src/core/consent-record.js';
import { memoryStorage, type ConsentStorage } from '../../src/core/consent-storage.js';
import { cookieStorage, cookieValues } from '../../src/browser/cookie-storage.js';
import { ConsentStore } from '../../src/core/consent-store.js';

const NOW = Date.UTC(2026, 10, 22, 9);
const HOUR = 3_600_000;
const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const FOREIGN_ID = '2c5f39cb-3fb2-42e3-894e-1127e4ddb538';

function record(
  method: ConsentRecord['method'],
  categories: Record<string, boolean>,
  at = NOW - HOUR,
  id = ID,
): ConsentRecord {
  const iso = new Date(at).toISOString();
  return {
    id,
    revision: '1',
    language: 'th',
    givenAt: iso,
    updatedAt: iso,
    method,
    categories: { necessary: true, ...categories },
  };
}

function store(storage: ConsentStorage, raw: RawConfig = { categories: 'analytics marketing' }, now = NOW) {
  const logged: string[] = [];
  const log = { warn: (m: string) => logged.push(`warn ${m}`), error: (m: string) => logged.push(`error ${m}`) };
  return { store: new ConsentStore(parseConfig(raw).config, storage, { now: () => now, log }), logged };
}

type Modules = {
  parseConfig: typeof parseConfig;
  cookieStorage: typeof cookieStorage;
  cookieValues: typeof cookieValues;
  ConsentStore: typeof ConsentStore;
};

/**
 * A same-origin page deeper in the site (/test/fixtures/security/deep/), with the store's
 * modules loaded in its realm: cookies set for its path are visible there, and listed before
 * those at Path=/, as on a real site's inner pages.
 */
async function deepPage(): Promise<{ doc: Document; modules: Modules; close: () => void }> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/test/fixtures/security/deep/store.html';
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & { modules?: Modules };
  await waitUntil(() => win.modules, 'the deep page did not load its modules');
  return { doc: win.document, modules: win.modules!, close: () => frame.remove() };
}

describe('security: the stored choice', () => {
  const name = 'yinyom-security-store';
  const DEEP = '/test/fixtures/security/deep';
  const clear = () => {
    for (const path of ['/', DEEP]) {
      document.cookie = `${name}=; Path=${path}; Max-Age=0`;
      document.cookie = `yinyo%6D=; Path=${path}; Max-Age=0`;
    }
  };
  beforeEach(clear);
  afterEach(clear);

  describe('a revision any text can be (4)', () => {
    for (const revision of ['ฉบับที่ 2', '2026 11', 'v/2', 'a|b', '100%', 'a+b', '"q";x']) {
      it(`keeps a choice made under revision ${JSON.stringify(revision)} across page views`, () => {
        const raw = { categories: 'analytics', revision, 'cookie-name': name };
        const first = store(cookieStorage({ name }), raw, Date.now());
        first.store.acceptAll('th');
        expect(first.logged).to.deep.equal([]);
        const next = store(cookieStorage({ name }), raw, Date.now());
        expect(next.store.consent?.revision).to.equal(revision);
        expect(next.store.hasConsent('analytics')).to.equal(true);
      });
    }
  });

  describe('exact names, every copy read (5)', () => {
    it('reads cookies by their exact name only', () => {
      const jar = `yinyo%6D=a; ${name}x=b; x${name}=c; ${name}=d; constructor=e;  ${name} = f ; =g; ${name}`;
      expect(cookieValues(jar, name)).to.deep.equal(['d', 'f']);
      expect(cookieValues(jar, 'constructor')).to.deep.equal(['e']);
      expect(cookieValues(jar, '__proto__')).to.deep.equal([]);
      expect(cookieValues(jar, 'yinyom')).to.deep.equal([]);
    });

    it('finds the valid choice behind garbage on a longer path, and a new choice sticks', async () => {
      const valid = encodeRecord(record('reject-all', { analytics: false, marketing: false }));
      document.cookie = `${name}=${valid}; Path=/`;
      const deep = await deepPage();
      try {
        deep.doc.cookie = `${name}=garbage; Path=${DEEP}`;
        expect(deep.modules.cookieValues(deep.doc.cookie, name), 'garbage first').to.deep.equal(['garbage', valid]);
        const raw = { categories: 'analytics marketing', 'cookie-name': name };
        const config = deep.modules.parseConfig(raw).config;
        const errors: string[] = [];
        const quiet = { warn: () => {}, error: (m: string) => errors.push(m) };
        const read = new deep.modules.ConsentStore(config, deep.modules.cookieStorage({ name }), {
          now: () => NOW,
          log: quiet,
        });
        expect(read.consent?.method).to.equal('reject-all');
        const fresh = new deep.modules.ConsentStore(config, deep.modules.cookieStorage({ name }), { log: quiet });
        fresh.acceptAll('th');
        expect(errors.filter((e) => e.includes('refused to store'))).to.deep.equal([]);
        expect(deep.modules.cookieValues(deep.doc.cookie, name), 'the stale copy swept').to.have.length(1);
      } finally {
        deep.close();
      }
    });

    it('is not fooled by a look-alike name such as yinyo%6D', () => {
      document.cookie = `yinyo%6D=${encodeRecord(record('accept-all', { analytics: true }))}; Path=/`;
      const { store: s } = store(cookieStorage({ name: 'yinyom' }), { categories: 'analytics' });
      expect(s.consent).to.equal(null);
      document.cookie = 'yinyo%6D=; Path=/; Max-Age=0';
    });

    it('reads back a choice stored under cookie-name="constructor" (low)', () => {
      try {
        const { store: s, logged } = store(
          cookieStorage({ name: 'constructor' }),
          { categories: 'analytics', 'cookie-name': 'constructor' },
          Date.now(),
        );
        s.acceptAll('th');
        expect(logged).to.deep.equal([]);
        expect(
          store(cookieStorage({ name: 'constructor' }), { categories: 'analytics' }, Date.now()).store.hasConsent(
            'analytics',
          ),
        ).to.equal(true);
      } finally {
        document.cookie = 'constructor=; Path=/; Max-Age=0';
      }
    });
  });

  describe('a refusal is never overridden (6)', () => {
    const granted = record('accept-all', { analytics: true, marketing: true }, NOW - 2 * HOUR, FOREIGN_ID);
    const refused = record('reject-all', { analytics: false, marketing: false }, NOW - HOUR);

    it('keeps the visitor\'s later "reject all" over an older grant planted on another path or domain', async () => {
      document.cookie = `${name}=${encodeRecord(refused)}; Path=/`;
      const deep = await deepPage();
      try {
        deep.doc.cookie = `${name}=${encodeRecord(granted)}; Path=${DEEP}`;
        expect(deep.modules.cookieValues(deep.doc.cookie, name), 'the planted grant first').to.deep.equal([
          encodeRecord(granted),
          encodeRecord(refused),
        ]);
        const config = deep.modules.parseConfig({ categories: 'analytics marketing' }).config;
        const s = new deep.modules.ConsentStore(config, deep.modules.cookieStorage({ name }), {
          now: () => NOW,
          log: { warn: () => {}, error: () => {} },
        });
        expect(s.consent?.id).to.equal(ID);
        expect(s.hasConsent('analytics')).to.equal(false);
        expect(s.hasConsent('marketing')).to.equal(false);
      } finally {
        deep.close();
      }
    });

    it('keeps a refusal over a newer foreign grant, and says so', () => {
      const later = record('accept-all', { analytics: true, marketing: true }, NOW - 60_000, FOREIGN_ID);
      const { store: s, logged } = store(memoryStorage(encodeRecord(refused), encodeRecord(later)));
      expect(s.hasConsent('analytics')).to.equal(false);
      expect(s.hasConsent('marketing')).to.equal(false);
      expect(s.consent?.method).to.equal('custom');
      expect(logged.filter((l) => l.includes('copies of cookie'))).to.have.length(1);
    });

    it('takes the latest of agreeing copies, and the next choice replaces them all', () => {
      const older = record('custom', { analytics: true, marketing: false }, NOW - 2 * HOUR);
      const newer = record('custom', { analytics: true, marketing: false }, NOW - HOUR);
      const storage = memoryStorage(encodeRecord(older), encodeRecord(newer));
      const { store: s } = store(storage);
      expect(s.consent?.updatedAt).to.equal(newer.updatedAt);
      expect(s.hasConsent('analytics')).to.equal(true);
      s.rejectAll('th');
      expect(storage.readAll()).to.have.length(1);
    });
  });

  describe('records that cannot be real (low)', () => {
    const value = (r: ConsentRecord) => encodeRecord(r);

    it('counts a record dated in the future as no choice', () => {
      const { store: s, logged } = store(
        memoryStorage(value(record('accept-all', { analytics: true, marketing: true }, NOW + 2 * HOUR))),
      );
      expect(s.consent).to.equal(null);
      expect(logged.filter((l) => l.includes('is not valid'))).to.have.length(1);
      expect(
        store(memoryStorage(value(record('accept-all', { analytics: true }, NOW + 60_000)))).store.consent,
        'a clock a minute apart',
      ).to.not.equal(null);
    });

    it('counts a record dated before yinyom existed (1970 included) as no choice', () => {
      const old = { ...record('custom', { analytics: true }), givenAt: new Date(0).toISOString() };
      expect(decodeRecord(encodeRecord(old))).to.equal(null);
      expect(decodeRecord(encodeRecord({ ...old, givenAt: '2024-12-31T23:59:59.999Z' }))).to.equal(null);
    });

    it('counts a "reject all" that grants, or an "accept all" that refuses, as no choice', () => {
      expect(decodeRecord(value(record('reject-all', { analytics: true })))).to.equal(null);
      expect(decodeRecord(value(record('accept-all', { analytics: false, marketing: true })))).to.equal(null);
      // Global Privacy Control: "accept all" leaves marketing off, and that is consistent.
      expect(decodeRecord(value(record('accept-all', { analytics: true, marketing: false })))).to.not.equal(null);
      expect(decodeRecord(value(record('reject-all', { analytics: false, marketing: false })))).to.not.equal(null);
    });
  });

  describe('prefixed cookie names on http (low)', () => {
    it('explains that __Secure- and __Host- need https, and uses the default name', () => {
      for (const cookieName of ['__Secure-consent', '__Host-consent', '__host-consent']) {
        const { config, problems } = parseConfig({ 'cookie-name': cookieName }, { secure: false });
        expect(config.cookieName).to.equal('yinyom');
        expect(problems).to.have.length(1);
        expect(problems[0].message).to.contain('browsers accept only on https pages');
      }
      expect(parseConfig({ 'cookie-name': '__Host-consent' }, { secure: true }).problems).to.deep.equal([]);
    });

    it('drops cookie-domain beside a __Host- name, saying why', () => {
      const { config, problems } = parseConfig(
        { 'cookie-name': '__Host-consent', 'cookie-domain': 'example.go.th' },
        { secure: true },
      );
      expect(config.cookieDomain).to.equal(undefined);
      expect(problems[0].message).to.contain('a __Host- cookie is always for this host only');
    });

    it('refuses a % in a cookie name, which would be written one way and read another', () => {
      const { config, problems } = parseConfig({ 'cookie-name': 'my%20consent' });
      expect(config.cookieName).to.equal('yinyom');
      expect(problems).to.have.length(1);
    });
  });
});
