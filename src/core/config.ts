import { isOptionalCategory, OPTIONAL_CATEGORIES, type OptionalCategory } from './categories.js';
import { toLanguage } from '../i18n/language.js';
import { own, ownOptions, ownValue } from '../internal/own.js';

export const POSITIONS = ['bottom', 'top', 'center'] as const;
export const THEMES = ['light', 'dark', 'auto'] as const;
export type Position = (typeof POSITIONS)[number];
export type Theme = (typeof THEMES)[number];
/** The value of a switch attribute such as `consent-mode`. */
export type OnOff = 'on' | 'off';

/** The validated configuration every other module works from. */
export interface ConsentConfig {
  readonly policyUrl?: string;
  readonly org?: string;
  readonly categories: readonly OptionalCategory[];
  readonly revision: string;
  readonly expiresDays: number;
  readonly cookieName: string;
  readonly cookieDomain?: string;
  readonly position: Position;
  readonly theme: Theme;
  readonly consentMode: boolean;
  readonly respectGpc: boolean;
  readonly logUrl?: string;
  readonly settingsButton: boolean;
  /** Reload the page when a category that already ran is withdrawn (its scripts cannot be unloaded). */
  readonly reloadOnWithdrawal: boolean;
  /** Site-declared cookie names to delete on withdrawal, per category (`*` is a wildcard). */
  readonly clearCookies: Readonly<Partial<Record<OptionalCategory, readonly string[]>>>;
}

/** The element's attribute names: the same names serve as `data-*` on the script tag. */
export const CONFIG_ATTRIBUTES = [
  'lang',
  'policy-url',
  'org',
  'categories',
  'revision',
  'expires-days',
  'cookie-name',
  'cookie-domain',
  'position',
  'theme',
  'consent-mode',
  'respect-gpc',
  'log-url',
  'no-settings-button',
  'reload-on-withdrawal',
  'clear-cookies',
] as const;
export type ConfigAttribute = (typeof CONFIG_ATTRIBUTES)[number];

/** Raw attribute values as the DOM gives them: `null` or missing means "not set". */
export type RawConfig = Partial<Record<ConfigAttribute, string | null | undefined>>;

export const DEFAULT_CONFIG: ConsentConfig = Object.freeze({
  categories: Object.freeze(['analytics'] as OptionalCategory[]),
  revision: '1',
  expiresDays: 180,
  cookieName: 'yinyom',
  position: 'bottom',
  theme: 'auto',
  consentMode: true,
  respectGpc: true,
  settingsButton: true,
  reloadOnWithdrawal: true,
  clearCookies: Object.freeze({}),
});

/** One thing wrong with the configuration, phrased for the webmaster who wrote it. */
export interface ConfigProblem {
  readonly attribute: ConfigAttribute;
  readonly value: string;
  readonly message: string;
}

export interface ParsedConfig {
  readonly config: ConsentConfig;
  readonly problems: readonly ConfigProblem[];
}

// A cookie name's characters, but for `%`: js-cookie would write it percent-encoded, and a
// name that is written one way and read another never reads back.
const COOKIE_NAME = /^[!#$&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const COOKIE_DOMAIN =
  /^\.?(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Revisions end up inside the cookie: keep them printable and short.
const REVISION = /^[^\u0000-\u001f\u007f]{1,64}$/;

/**
 * A link the notice may render or post to: http(s) or relative. Resolving against a dummy
 * base lets the URL parser, not a regex, decide the scheme (so `java\tscript:` is caught).
 */
export function isSafeUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, 'https://base.invalid/').protocol);
  } catch {
    return false;
  }
}

const quote = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');
const matching = (pattern: RegExp) => (value: string) => (pattern.test(value) ? value : undefined);
const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): T | undefined =>
    allowed.find((item) => item === value.toLowerCase());
const onOff = (value: string) => (/^(on|off)$/i.test(value) ? /^on$/i.test(value) : undefined);
const url = (value: string) => (isSafeUrl(value) ? value : undefined);
/** "analytics:_hj* marketing:_tt_*" → { analytics: ['_hj*'], marketing: ['_tt_*'] }; undefined if any entry is off. */
const cookieLists = (value: string) => {
  const lists: Partial<Record<OptionalCategory, string[]>> = {};
  for (const entry of value.split(/\s+/)) {
    const [, category, name] = /^(\w+):([!#$%&'*+\-.^_`|~0-9A-Za-z]+)$/.exec(entry) ?? [];
    if (!category || !isOptionalCategory(category)) return undefined;
    (own(lists, category) ? lists[category]! : (lists[category] = [])).push(name);
  }
  return lists;
};

/**
 * How each attribute is read: the config key, a parser that returns undefined for a bad
 * value, what a good value looks like, and what is used instead of a bad one.
 */
type Field = {
  [K in keyof ConsentConfig]-?: readonly [
    ConfigAttribute,
    K,
    (value: string) => ConsentConfig[K] | undefined,
    string,
    string?,
  ];
}[keyof ConsentConfig];
const FIELDS: readonly Field[] = [
  ['policy-url', 'policyUrl', url, 'an http:, https: or relative URL such as "/privacy"', 'no link'],
  ['org', 'org', String, ''],
  ['revision', 'revision', matching(REVISION), '1 to 64 printable characters, such as "2" or "2026-11"'],
  [
    'expires-days',
    'expiresDays',
    (value) => (/^\d+$/.test(value) && +value >= 1 && +value <= 400 ? +value : undefined),
    'a whole number of days from 1 to 400',
  ],
  ['cookie-name', 'cookieName', matching(COOKIE_NAME), '1 to 64 letters, digits or - _ . characters'],
  [
    'cookie-domain',
    'cookieDomain',
    (value) => matching(COOKIE_DOMAIN)(value)?.toLowerCase(),
    'a host name such as "example.go.th"',
    'this host only',
  ],
  ['position', 'position', oneOf(POSITIONS), quote(POSITIONS)],
  ['theme', 'theme', oneOf(THEMES), quote(THEMES)],
  ['consent-mode', 'consentMode', onOff, '"on" or "off"', '"on"'],
  ['respect-gpc', 'respectGpc', onOff, '"on" or "off"', '"on"'],
  ['log-url', 'logUrl', url, 'an http:, https: or relative URL', 'no receipts'],
  ['reload-on-withdrawal', 'reloadOnWithdrawal', onOff, '"on" or "off"', '"on"'],
  [
    'clear-cookies',
    'clearCookies',
    cookieLists,
    'category:name pairs separated by spaces, such as "analytics:_hj* marketing:_tt_*"',
    'the built-in list only',
  ],
];

/** What a config depends on beyond its attributes. */
export interface ConfigContext {
  /** The languages the notice can speak (built in and registered); `lang` must name one. */
  readonly languages?: readonly string[];
  /** Whether the page is served over https; read from `location` when not given. */
  readonly secure?: boolean;
}

/**
 * Turns raw attributes into a config. Never throws: every bad value is reported as a
 * problem and replaced by its default, so one typo cannot take the notice down.
 */
export function parseConfig(raw: RawConfig, context: ConfigContext = {}): ParsedConfig {
  const options = ownOptions(context);
  const secure = options.secure ?? globalThis.location?.protocol === 'https:';
  const problems: ConfigProblem[] = [];
  // No prototype: an option left unset reads as undefined, never as a key another script
  // put on Object.prototype (a `logUrl` of its choosing).
  const config: Record<string, unknown> = ownOptions({ ...DEFAULT_CONFIG });
  const report = (attribute: ConfigAttribute, value: string, expected: string, used: string) =>
    problems.push({
      attribute,
      value,
      message: `yinyom: ${attribute}="${value}" is not valid; use ${expected}. Using ${used} instead.`,
    });

  for (const [attribute, key, parse, expected, fallback] of FIELDS) {
    const value = ownValue(raw, attribute)?.trim();
    if (!value) continue;
    const parsed = parse(value);
    if (parsed !== undefined) config[key] = parsed;
    else report(attribute, value, expected, fallback ?? JSON.stringify(config[key]));
  }

  // The language itself is resolved as the notice renders (the visitor's pick, <html lang>…).
  const lang = ownValue(raw, 'lang')?.trim();
  if (lang && !toLanguage(lang, options.languages ?? ['th', 'en'])) {
    report('lang', lang, '"th", "en" or a registered language', 'the page or browser language');
  }

  const categories = ownValue(raw, 'categories')?.trim();
  if (categories) {
    const tokens = categories.toLowerCase().split(/[\s,]+/);
    const unknown = tokens.filter((token) => !isOptionalCategory(token));
    // Canonical order, so the preferences never depend on how the list was typed.
    const known = OPTIONAL_CATEGORIES.filter((category) => tokens.includes(category));
    if (known.length) config.categories = known;
    if (unknown.length) {
      report(
        'categories',
        categories,
        `only ${quote(OPTIONAL_CATEGORIES)} (not ${quote(unknown)}; "necessary" is always on)`,
        `"${(config.categories as OptionalCategory[]).join(' ')}"`,
      );
    }
  }

  // Browsers keep __Secure- and __Host- cookies only from https pages, and a __Host- one
  // only without a Domain: say so here rather than blame the browser for a refused write.
  const prefix = /^__(secure|host)-/i.exec(config.cookieName as string)?.[0];
  if (prefix && !secure) {
    problems.push({
      attribute: 'cookie-name',
      value: String(config.cookieName),
      message:
        `yinyom: cookie-name="${String(config.cookieName)}" starts with ${prefix}, which browsers accept only on https pages, and this page is not one. ` +
        `Serve the site over https or choose a name without the prefix. Using "${DEFAULT_CONFIG.cookieName}" instead.`,
    });
    config.cookieName = DEFAULT_CONFIG.cookieName;
  } else if (/^__host-/i.test(prefix ?? '') && config.cookieDomain) {
    const domain = config.cookieDomain as string;
    problems.push({
      attribute: 'cookie-domain',
      value: domain,
      message: `yinyom: cookie-domain="${domain}" cannot go with cookie-name="${String(config.cookieName)}": a __Host- cookie is always for this host only. Remove one of them. Using this host only.`,
    });
    delete config.cookieDomain;
  }

  // A boolean attribute: present means "hide", whatever its value.
  config.settingsButton = ownValue(raw, 'no-settings-button') == null;
  return { config: Object.freeze(config) as unknown as ConsentConfig, problems };
}
