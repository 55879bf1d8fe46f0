import { expect } from '@open-wc/testing';
import { DEFAULT_CONFIG, isSafeUrl, parseConfig } from '../../src/core/config.js';

describe('parseConfig', () => {
  it('gives the contract defaults when nothing is set', () => {
    const { config, problems } = parseConfig({});
    expect(problems).to.deep.equal([]);
    expect(config).to.deep.equal(DEFAULT_CONFIG);
    expect(config.categories).to.deep.equal(['analytics']);
    expect(config.expiresDays).to.equal(180);
    expect(config.settingsButton).to.equal(true);
  });

  it('reads every attribute', () => {
    const { config, problems } = parseConfig({
      lang: 'EN',
      'policy-url': '/privacy',
      org: ' สำนักงานเขตดอนเมือง ',
      categories: 'marketing analytics functional',
      revision: '2026-11',
      'expires-days': '30',
      'cookie-name': 'consent_v2',
      'cookie-domain': 'Example.go.th',
      position: 'top',
      theme: 'dark',
      'consent-mode': 'off',
      'respect-gpc': 'OFF',
      'log-url': 'https://log.example/receipts',
      'no-settings-button': '',
      'reload-on-withdrawal': 'off',
      'clear-cookies': 'analytics:_hj* analytics:_clck marketing:_tt_*',
    });
    expect(problems).to.deep.equal([]);
    expect(config).to.deep.equal({
      policyUrl: '/privacy',
      org: 'สำนักงานเขตดอนเมือง',
      categories: ['functional', 'analytics', 'marketing'],
      revision: '2026-11',
      expiresDays: 30,
      cookieName: 'consent_v2',
      cookieDomain: 'example.go.th',
      position: 'top',
      theme: 'dark',
      consentMode: false,
      respectGpc: false,
      logUrl: 'https://log.example/receipts',
      settingsButton: false,
      reloadOnWithdrawal: false,
      clearCookies: { analytics: ['_hj*', '_clck'], marketing: ['_tt_*'] },
    });
  });

  it('checks lang against the languages it is given, and keeps none: the notice resolves it', () => {
    expect(parseConfig({ lang: 'lo-LA' }, { languages: ['th', 'en', 'lo'] }).problems).to.deep.equal([]);
    const [problem] = parseConfig({ lang: 'lo-LA' }, { languages: ['th', 'en'] }).problems;
    expect(problem.message).to.equal(
      'yinyom: lang="lo-LA" is not valid; use "th", "en" or a registered language. Using the page or browser language instead.',
    );
    expect(parseConfig({ lang: 'EN' }).config).to.not.have.property('lang');
  });

  const bad: Array<[string, Record<string, string>, string, string]> = [
    ['expires-days', { 'expires-days': '900' }, 'from 1 to 400', 'Using 180 instead'],
    ['expires-days', { 'expires-days': '0' }, 'from 1 to 400', 'Using 180 instead'],
    ['expires-days', { 'expires-days': '1.5' }, 'whole number', 'Using 180 instead'],
    ['position', { position: 'left' }, '"bottom", "top", "center"', 'Using "bottom" instead'],
    ['theme', { theme: 'blue' }, '"light", "dark", "auto"', 'Using "auto" instead'],
    ['consent-mode', { 'consent-mode': 'yes' }, '"on" or "off"', 'Using "on" instead'],
    ['policy-url', { 'policy-url': 'javascript:alert(1)' }, 'http:, https: or relative', 'Using no link instead'],
    ['policy-url', { 'policy-url': 'java\tscript:alert(1)' }, 'http:, https: or relative', 'Using no link instead'],
    ['log-url', { 'log-url': 'data:text/html,x' }, 'http:, https: or relative', 'Using no receipts instead'],
    ['lang', { lang: 'fr' }, '"th", "en" or a registered language', 'the page or browser language'],
    ['cookie-name', { 'cookie-name': 'my cookie;' }, 'letters, digits', 'Using "yinyom" instead'],
    ['cookie-domain', { 'cookie-domain': 'http://x.go.th/' }, 'host name', 'Using this host only instead'],
    ['revision', { revision: 'a\u0000b' }, 'printable', 'Using "1" instead'],
    ['reload-on-withdrawal', { 'reload-on-withdrawal': 'never' }, '"on" or "off"', 'Using "on" instead'],
    ['clear-cookies', { 'clear-cookies': '_hj*' }, 'category:name pairs', 'Using the built-in list only instead'],
    ['clear-cookies', { 'clear-cookies': 'ads:_tt_*' }, 'category:name pairs', 'Using the built-in list only instead'],
    [
      'clear-cookies',
      { 'clear-cookies': 'analytics:a;b' },
      'category:name pairs',
      'Using the built-in list only instead',
    ],
  ];
  for (const [attribute, raw, expected, used] of bad) {
    it(`reports ${attribute}="${Object.values(raw)[0]}" and falls back`, () => {
      const { config, problems } = parseConfig(raw);
      expect(problems).to.have.length(1);
      const [problem] = problems;
      expect(problem.attribute).to.equal(attribute);
      expect(problem.value).to.equal(Object.values(raw)[0].trim());
      expect(problem.message).to.contain(`${attribute}="`);
      expect(problem.message).to.contain(expected);
      expect(problem.message).to.contain(used);
      const defaults: Record<string, unknown> = { ...DEFAULT_CONFIG };
      for (const [key, value] of Object.entries(config)) {
        if (key in defaults) expect(value, key).to.deep.equal(defaults[key]);
        else expect(value, key).to.equal(undefined);
      }
    });
  }

  it('keeps the known categories and names the unknown ones', () => {
    const { config, problems } = parseConfig({ categories: 'analytics tracking necessary' });
    expect(config.categories).to.deep.equal(['analytics']);
    expect(problems).to.have.length(1);
    expect(problems[0].message).to.contain('"tracking"');
    expect(problems[0].message).to.contain('"necessary" is always on');
    expect(problems[0].message).to.contain('"functional", "analytics", "marketing"');
  });

  it('falls back to the default categories when none is known', () => {
    const { config, problems } = parseConfig({ categories: 'ads' });
    expect(config.categories).to.deep.equal(['analytics']);
    expect(problems[0].message).to.contain('Using "analytics" instead');
  });

  it('keeps the default categories when the attribute is empty', () => {
    expect(parseConfig({ categories: '' }).config.categories).to.deep.equal(['analytics']);
  });

  it('accepts http, https and relative policy links only', () => {
    for (const url of ['/privacy', 'privacy.html', 'https://x.go.th/p', 'http://x.go.th/p', '//x.go.th/p', '?p=1']) {
      expect(isSafeUrl(url), url).to.equal(true);
    }
    for (const url of [
      'javascript:alert(1)',
      ' JAVASCRIPT:x',
      'vbscript:x',
      'data:text/html,x',
      'mailto:a@b',
      'http://[bad',
    ]) {
      expect(isSafeUrl(url), url).to.equal(false);
    }
  });
});
