import { expect } from '@open-wc/testing';
import { memoryStorage } from '../../src/core/consent-storage.js';
import { cookieStorage } from '../../src/browser/cookie-storage.js';

const jar = () => document.cookie.split('; ').filter(Boolean);

describe('cookieStorage', () => {
  const name = `yinyom-storage-test-${Math.random().toString(36).slice(2)}`;
  afterEach(() => {
    document.cookie = `${name}=; Path=/; Max-Age=0`;
  });

  it('writes, reads back and removes a first-party cookie at Path=/', () => {
    const storage = cookieStorage({ name });
    expect(storage.readAll()[0]).to.equal(undefined);
    expect(storage.write('1|a|b', 30)).to.equal(true);
    expect(storage.readAll()[0]).to.equal('1|a|b');
    expect(jar()).to.include(`${name}=1|a|b`);
    storage.remove();
    expect(storage.readAll()[0]).to.equal(undefined);
  });

  it('hands back a value with broken percent-encoding as it is, for the parser to refuse', () => {
    document.cookie = `${name}=1|%E0%A4|x; Path=/`;
    expect(cookieStorage({ name }).readAll()[0]).to.equal('1|%E0%A4|x');
  });

  it('reports a write the browser refuses', () => {
    // A domain this page is not on: every browser drops the cookie.
    const storage = cookieStorage({ name, domain: 'example.invalid' });
    expect(storage.write('1|a|b', 30)).to.equal(false);
    expect(storage.readAll()[0]).to.equal(undefined);
  });
});

describe('cookieStorage attributes', () => {
  /** Records what would be written, without touching the real jar. */
  function capture(run: () => void): string[] {
    const writes: string[] = [];
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => '',
      set: (v: string) => writes.push(v),
    });
    try {
      run();
    } finally {
      delete (document as unknown as Record<string, unknown>).cookie;
    }
    return writes;
  }

  it('writes Path=/ and SameSite=Lax, no Domain, and Secure only on https', () => {
    const [plain] = capture(() => cookieStorage({ name: 'c', secure: false }).write('v', 30));
    expect(plain).to.match(/^c=v; path=\/; sameSite=Lax; expires=[^;]+ GMT$/i);
    expect(plain).to.not.match(/secure|domain/i);
    const [secure] = capture(() => cookieStorage({ name: 'c', secure: true }).write('v', 30));
    expect(secure).to.match(/; secure(;|$)/i);
  });

  it('follows the page: Secure exactly when it is served over https', () => {
    const [write] = capture(() => cookieStorage({ name: 'c' }).write('v', 1));
    expect(/; secure/i.test(write)).to.equal(location.protocol === 'https:');
  });

  it('adds Domain only when configured, and expires after the given days', () => {
    const before = Date.now();
    const [write] = capture(() => cookieStorage({ name: 'c', domain: 'example.go.th' }).write('v', 30));
    expect(write).to.match(/; domain=example\.go\.th(;|$)/i);
    const expires = Date.parse(/expires=([^;]+)/i.exec(write)![1]);
    expect(expires - before).to.be.within(30 * 86_400_000 - 2000, 30 * 86_400_000 + 2000);
  });
});

describe('memoryStorage', () => {
  it('holds one value', () => {
    const storage = memoryStorage('x');
    expect(storage.readAll()[0]).to.equal('x');
    expect(storage.write('y', 1)).to.equal(true);
    expect(storage.readAll()[0]).to.equal('y');
    storage.remove();
    expect(storage.readAll()[0]).to.equal(undefined);
  });
});
