import { expect } from '@open-wc/testing';
import { clearCookies, clearWithdrawn, cookiePatterns, TRACKER_COOKIES } from '../../src/browser/cookie-cleaner.js';
import { domainCandidates } from '../../src/browser/cookie-domains.js';

const matches = (patterns: readonly RegExp[] | undefined, name: string) =>
  (patterns ?? []).some((pattern) => pattern.test(name));

const cookieNames = () =>
  document.cookie
    .split('; ')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0]);

/** A stand-in document whose cookie jar is a fixed string and whose writes are recorded. */
function fakeDoc(jar: string) {
  const writes: string[] = [];
  const doc = {
    get cookie() {
      return jar;
    },
    set cookie(value: string) {
      writes.push(value);
    },
  };
  return { doc: doc as unknown as Document, writes };
}

describe('TRACKER_COOKIES', () => {
  it('knows the Google Analytics and Matomo cookies as analytics', () => {
    for (const name of [
      '_ga',
      '_ga_ABC123',
      '_gid',
      '_gat',
      '_gat_UA-1',
      '_pk_id.1.abcd',
      '_pk_ses.1.abcd',
      'mtm_consent',
    ]) {
      expect(matches(TRACKER_COOKIES.analytics, name), name).to.equal(true);
      expect(matches(TRACKER_COOKIES.marketing, name), name).to.equal(false);
    }
  });

  it('knows the Google Ads and Meta cookies as marketing', () => {
    for (const name of ['_gcl_au', '_fbp', '_fbc']) {
      expect(matches(TRACKER_COOKIES.marketing, name), name).to.equal(true);
      expect(matches(TRACKER_COOKIES.analytics, name), name).to.equal(false);
    }
  });

  it('leaves look-alikes and unrelated cookies alone', () => {
    for (const name of ['yinyom', '_gax', 'x_ga', 'session', '_fbpx', 'a_fbp', '_gidx', 'pk_id']) {
      expect(matches(TRACKER_COOKIES.analytics, name), name).to.equal(false);
      expect(matches(TRACKER_COOKIES.marketing, name), name).to.equal(false);
    }
  });

  it('has nothing for functional: those tools are site-specific', () => {
    expect(TRACKER_COOKIES.functional).to.equal(undefined);
  });
});

describe('cookiePatterns', () => {
  it('treats * as any run of characters and everything else literally', () => {
    const patterns = cookiePatterns('_hj* exact.name');
    expect(patterns).to.have.length(2);
    expect(matches(patterns, '_hjSession_1')).to.equal(true);
    expect(matches(patterns, '_hj')).to.equal(true);
    expect(matches(patterns, 'exact.name')).to.equal(true);
    expect(matches(patterns, 'exactXname')).to.equal(false);
    expect(matches(patterns, 'x_hjSession')).to.equal(false);
    expect(matches(patterns, 'exact.name2')).to.equal(false);
  });

  it('allows * anywhere in the name', () => {
    const patterns = cookiePatterns('*_session pre*post');
    expect(matches(patterns, 'php_session')).to.equal(true);
    expect(matches(patterns, 'prepost')).to.equal(true);
    expect(matches(patterns, 'pre-mid-post')).to.equal(true);
    expect(matches(patterns, 'pre-mid-posts')).to.equal(false);
  });

  it('escapes regex specials', () => {
    const patterns = cookiePatterns('a+b (c) [d] $e^ f|g \\h? {i}');
    expect(patterns).to.have.length(7);
    for (const name of ['a+b', '(c)', '[d]', '$e^', 'f|g', '\\h?', '{i}']) {
      expect(matches(patterns, name), name).to.equal(true);
    }
    expect(matches(patterns, 'aab')).to.equal(false);
    expect(matches(patterns, 'c')).to.equal(false);
    expect(matches(patterns, 'f')).to.equal(false);
  });

  it('splits on any whitespace and skips entries that cannot be cookie names', () => {
    const patterns = cookiePatterns('  one\n\ttwo   a=b c;d e,f * ** ');
    expect(patterns).to.have.length(2);
    expect(matches(patterns, 'one')).to.equal(true);
    expect(matches(patterns, 'two')).to.equal(true);
    expect(matches(patterns, 'anything')).to.equal(false);
    expect(cookiePatterns('')).to.deep.equal([]);
    expect(cookiePatterns('   ')).to.deep.equal([]);
  });
});

describe('domainCandidates', () => {
  it('walks up to the two-label parent', () => {
    expect(domainCandidates('www.a.example.go.th')).to.deep.equal([
      'www.a.example.go.th',
      'a.example.go.th',
      'example.go.th',
      'go.th',
    ]);
    expect(domainCandidates('example.com')).to.deep.equal(['example.com']);
  });

  it('gives localhost and IP addresses as they are', () => {
    expect(domainCandidates('localhost')).to.deep.equal(['localhost']);
    expect(domainCandidates('127.0.0.1')).to.deep.equal(['127.0.0.1']);
    expect(domainCandidates('[::1]')).to.deep.equal(['[::1]']);
  });

  it('drops a trailing dot and lowercases', () => {
    expect(domainCandidates('www.example.com.')).to.deep.equal(['www.example.com', 'example.com']);
    expect(domainCandidates('WWW.Example.CO.TH')).to.deep.equal(['www.example.co.th', 'example.co.th', 'co.th']);
  });

  it('copes with single-label and empty hosts', () => {
    expect(domainCandidates('intranet')).to.deep.equal(['intranet']);
    expect(domainCandidates('')).to.deep.equal([]);
  });
});

describe('clearCookies', () => {
  const set: string[] = [];
  const setCookie = (name: string, value = '1') => {
    document.cookie = `${name}=${value}; Path=/`;
    set.push(name);
  };

  afterEach(() => {
    for (const name of set.splice(0)) {
      document.cookie = `${name}=; Path=/; Max-Age=0`;
      document.cookie = `${name}=; Path=/; Max-Age=0; Domain=localhost`;
    }
  });

  it('deletes the real analytics cookies and nothing else', () => {
    setCookie('_ga', 'GA1.1.123.456');
    setCookie('_gid', 'GA1.1.789');
    setCookie('_pk_id.1.x', 'abc');
    setCookie('keepme');
    setCookie('yinyom', '1|id');
    expect(cookieNames()).to.include.members(['_ga', '_gid', '_pk_id.1.x', 'keepme', 'yinyom']);

    const cleared = clearCookies(TRACKER_COOKIES.analytics!, { keep: 'yinyom' });

    expect(cleared).to.have.members(['_ga', '_gid', '_pk_id.1.x']);
    const left = cookieNames();
    expect(left).to.not.include('_ga');
    expect(left).to.not.include('_gid');
    expect(left).to.not.include('_pk_id.1.x');
    expect(left).to.include('keepme');
    expect(left).to.include('yinyom');
  });

  it('deletes a site-declared Path=/ cookie set without a Domain on this host', () => {
    expect(location.hostname).to.equal('localhost');
    setCookie('_hjSession_1');
    const cleared = clearCookies(cookiePatterns('_hj*'));
    expect(cleared).to.deep.equal(['_hjSession_1']);
    expect(cookieNames()).to.not.include('_hjSession_1');
  });

  it('deletes a cookie set with Domain=localhost (where the engine accepts one)', function () {
    document.cookie = '_gat_domain=1; Path=/; Domain=localhost';
    set.push('_gat_domain');
    // WebKit refuses Domain=localhost; Chromium and Firefox keep it
    if (!cookieNames().includes('_gat_domain')) this.skip();
    expect(clearCookies(TRACKER_COOKIES.analytics!)).to.deep.equal(['_gat_domain']);
    expect(cookieNames()).to.not.include('_gat_domain');
  });

  it('never touches the kept cookie, even when a pattern matches it', () => {
    setCookie('yinyom');
    setCookie('_fbp');
    // a catch-all would also wipe cookies other test files use at the same time
    expect(clearCookies([/^yinyom$/, /^_fbp$/], { keep: 'yinyom' })).to.deep.equal(['_fbp']);
    const left = cookieNames();
    expect(left).to.include('yinyom');
    expect(left).to.not.include('_fbp');
  });

  it('expires with and without Domain for every candidate domain', () => {
    const { doc, writes } = fakeDoc('_ga=GA1; other=1; yinyom=1');
    const cleared = clearCookies(TRACKER_COOKIES.analytics!, { doc, hostname: 'www.example.go.th', keep: 'yinyom' });
    expect(cleared).to.deep.equal(['_ga']);
    const expire = '_ga=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/';
    expect(writes).to.deep.equal([
      expire,
      `${expire}; Domain=www.example.go.th`,
      `${expire}; Domain=.www.example.go.th`,
      `${expire}; Domain=example.go.th`,
      `${expire}; Domain=.example.go.th`,
      `${expire}; Domain=go.th`,
      `${expire}; Domain=.go.th`,
    ]);
  });

  it('tries each name once even when the jar lists it twice', () => {
    const { doc, writes } = fakeDoc('_fbp=a; _fbc=b; _fbp=c');
    expect(clearCookies(TRACKER_COOKIES.marketing!, { doc, hostname: 'localhost' })).to.deep.equal(['_fbp', '_fbc']);
    expect(writes).to.have.length(6);
    expect(writes.filter((w) => w.startsWith('_fbp='))).to.have.length(3);
  });

  it('does not throw on a garbage cookie string', () => {
    for (const jar of ['=;;; ;=x', '', ';', '=', ' ; =; _ga', '_ga']) {
      const { doc, writes } = fakeDoc(jar);
      let cleared: string[] = [];
      expect(() => {
        cleared = clearCookies(TRACKER_COOKIES.analytics!, { doc, hostname: 'example.com' });
      }, jar).to.not.throw();
      // a bare "_ga" is read as a name, so it is tried; the empty names never are
      expect(cleared, jar).to.deep.equal(jar.includes('_ga') ? ['_ga'] : []);
      expect(
        writes.every((w) => !w.startsWith('=')),
        jar,
      ).to.equal(true);
    }
  });

  it('does not throw when cookies cannot be read or written', () => {
    const unreadable = {
      get cookie(): string {
        throw new DOMException('sandboxed', 'SecurityError');
      },
    } as unknown as Document;
    expect(clearCookies([/./], { doc: unreadable, hostname: 'example.com' })).to.deep.equal([]);

    const unwritable = {
      get cookie() {
        return '_ga=1; _gid=2';
      },
      set cookie(_value: string) {
        throw new Error('refused');
      },
    } as unknown as Document;
    expect(clearCookies(TRACKER_COOKIES.analytics!, { doc: unwritable, hostname: 'example.com' })).to.deep.equal([
      '_ga',
      '_gid',
    ]);
  });

  it('falls back to no Domain when the document has no location', () => {
    const { doc, writes } = fakeDoc('_gcl_au=1');
    expect(clearCookies(TRACKER_COOKIES.marketing!, { doc })).to.deep.equal(['_gcl_au']);
    expect(writes).to.have.length(1);
    expect(writes[0]).to.not.contain('Domain');
  });
});

describe('clearWithdrawn', () => {
  it("deletes each withdrawn category's tracker cookies and the names the site lists, and keeps the consent cookie", () => {
    const { doc, writes } = fakeDoc('_ga=1; _gid=2; _fbp=3; site_stats=4; _hjid=5; yinyom=6; session=7');
    const cleared = clearWithdrawn(
      [
        ['analytics', ['site_stats', '_hj*', 'yinyom']],
        ['functional', []],
      ],
      { doc, keep: 'yinyom' },
    );
    expect(cleared).to.have.members(['_ga', '_gid', 'site_stats', '_hjid']);
    expect(cleared, 'marketing was not withdrawn').to.not.include('_fbp');
    expect(writes.some((write) => write.startsWith('yinyom='))).to.equal(false);
  });

  it('withdraws nothing when nothing is listed', () => {
    const { doc, writes } = fakeDoc('_ga=1');
    expect(clearWithdrawn([], { doc })).to.deep.equal([]);
    expect(writes).to.deep.equal([]);
  });
});
