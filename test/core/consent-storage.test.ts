import { expect } from '@open-wc/testing';
import { cookieStorage, memoryStorage } from '../../src/core/consent-storage.js';

const jar = () => document.cookie.split('; ').filter(Boolean);

describe('cookieStorage', () => {
  const name = `yinyom-storage-test-${Math.random().toString(36).slice(2)}`;
  afterEach(() => {
    document.cookie = `${name}=; Path=/; Max-Age=0`;
  });

  it('writes, reads back and removes a first-party cookie at Path=/', () => {
    const storage = cookieStorage({ name });
    expect(storage.read()).to.equal(undefined);
    expect(storage.write('1|a|b', 30)).to.equal(true);
    expect(storage.read()).to.equal('1|a|b');
    expect(jar()).to.include(`${name}=1|a|b`);
    storage.remove();
    expect(storage.read()).to.equal(undefined);
  });

  it('hands back a value with broken percent-encoding as it is, for the parser to refuse', () => {
    document.cookie = `${name}=1|%E0%A4|x; Path=/`;
    expect(cookieStorage({ name }).read()).to.equal('1|%E0%A4|x');
  });

  it('reports a write the browser refuses', () => {
    // A domain this page is not on: every browser drops the cookie.
    const storage = cookieStorage({ name, domain: 'example.invalid' });
    expect(storage.write('1|a|b', 30)).to.equal(false);
    expect(storage.read()).to.equal(undefined);
  });
});

describe('memoryStorage', () => {
  it('holds one value', () => {
    const storage = memoryStorage('x');
    expect(storage.read()).to.equal('x');
    expect(storage.write('y', 1)).to.equal(true);
    expect(storage.read()).to.equal('y');
    storage.remove();
    expect(storage.read()).to.equal(undefined);
  });
});
