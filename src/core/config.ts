import { isOptionalCategory, OPTIONAL_CATEGORIES, type OptionalCategory } from './categories.js';
import { toLanguage, type Language } from './language.js';

export const POSITIONS = ['bottom', 'top', 'center'] as const;
export const THEMES = ['light', 'dark', 'auto'] as const;
export type Position = (typeof POSITIONS)[number];
export type Theme = (typeof THEMES)[number];

/** The validated configuration every other module works from. */
export interface ConsentConfig {
  /** Set only when the site fixed it; otherwise the language is resolved at render time. */
  readonly lang?: Language;
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

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const COOKIE_DOMAIN = /^\.?(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Revisions end up inside the cookie: keep them printable and short.
const REVISION = /^[^\u0000-\u001f\u007f]{1,64}$/;

/**
 * A link the notice may render or post to: http(s) or relative. Resolving against a dummy
 * base lets the URL parser, not a regex, decide the scheme (so `java\tscript:` is caught).
 */
export function isSafeUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value, 'https://base.invalid/');
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Turns raw attributes into a config. Never throws: every bad value is reported as a
 * problem and replaced by its default, so one typo cannot take the notice down.
 */
export function parseConfig(raw: RawConfig): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const report = (attribute: ConfigAttribute, value: string, expected: string, used: string) =>
    problems.push({
      attribute,
      value,
      message: `yinyom: ${attribute}="${value}" is not valid: ${expected}. Using ${used} instead.`,
    });
  const text = (attribute: ConfigAttribute): string | undefined => {
    const value = raw[attribute];
    return value == null ? undefined : value.trim();
  };
  const choice = <T extends string>(
    attribute: ConfigAttribute,
    allowed: readonly T[],
    fallback: T,
  ): T => {
    const value = text(attribute);
    if (value === undefined) return fallback;
    const normalized = value.toLowerCase() as T;
    if (allowed.includes(normalized)) return normalized;
    report(attribute, value, `use one of ${allowed.map((a) => `"${a}"`).join(', ')}`, `"${fallback}"`);
    return fallback;
  };
  const url = (attribute: ConfigAttribute): string | undefined => {
    const value = text(attribute);
    if (!value) return undefined;
    if (isSafeUrl(value)) return value;
    report(attribute, value, 'use an http:, https: or relative URL such as "/privacy"', 'no URL');
    return undefined;
  };
  const onOff = (attribute: ConfigAttribute, fallback: boolean): boolean =>
    choice(attribute, ['on', 'off'], fallback ? 'on' : 'off') === 'on';

  const config: Mutable<ConsentConfig> = { ...DEFAULT_CONFIG };

  const lang = text('lang');
  if (lang) {
    const language = toLanguage(lang);
    if (language) config.lang = language;
    else report('lang', lang, 'use "th" or "en"', 'the page or browser language');
  }

  const policyUrl = url('policy-url');
  if (policyUrl) config.policyUrl = policyUrl;

  const org = text('org');
  if (org) config.org = org;

  const categories = text('categories');
  if (categories !== undefined) {
    const tokens = categories.toLowerCase().split(/[\s,]+/).filter(Boolean);
    const known = tokens.filter(isOptionalCategory);
    const unknown = tokens.filter((token) => !isOptionalCategory(token));
    if (unknown.length) {
      const allowed = OPTIONAL_CATEGORIES.map((c) => `"${c}"`).join(', ');
      const hint = unknown.includes('necessary') ? ' ("necessary" is always on and need not be listed)' : '';
      report('categories', categories, `unknown ${unknown.map((u) => `"${u}"`).join(', ')}; use ${allowed}${hint}`, `"${(known.length ? known : DEFAULT_CONFIG.categories).join(' ')}"`);
    }
    // Keep the canonical order so the preferences list never depends on how it was typed.
    if (known.length) config.categories = OPTIONAL_CATEGORIES.filter((c) => known.includes(c));
  }

  const revision = text('revision');
  if (revision !== undefined) {
    if (REVISION.test(revision)) config.revision = revision;
    else report('revision', revision, 'use 1 to 64 printable characters, such as "2" or "2026-11"', `"${DEFAULT_CONFIG.revision}"`);
  }

  const expires = text('expires-days');
  if (expires !== undefined) {
    const days = /^\d+$/.test(expires) ? Number(expires) : NaN;
    if (days >= 1 && days <= 400) config.expiresDays = days;
    else report('expires-days', expires, 'use a whole number of days from 1 to 400', `${DEFAULT_CONFIG.expiresDays}`);
  }

  const cookieName = text('cookie-name');
  if (cookieName !== undefined) {
    if (COOKIE_NAME.test(cookieName)) config.cookieName = cookieName;
    else report('cookie-name', cookieName, 'use 1 to 64 letters, digits or - _ . characters', `"${DEFAULT_CONFIG.cookieName}"`);
  }

  const cookieDomain = text('cookie-domain');
  if (cookieDomain) {
    if (COOKIE_DOMAIN.test(cookieDomain)) config.cookieDomain = cookieDomain.toLowerCase();
    else report('cookie-domain', cookieDomain, 'use a host name such as "example.go.th"', 'the current host only');
  }

  config.position = choice('position', POSITIONS, DEFAULT_CONFIG.position);
  config.theme = choice('theme', THEMES, DEFAULT_CONFIG.theme);
  config.consentMode = onOff('consent-mode', DEFAULT_CONFIG.consentMode);
  config.respectGpc = onOff('respect-gpc', DEFAULT_CONFIG.respectGpc);

  const logUrl = url('log-url');
  if (logUrl) config.logUrl = logUrl;

  // A boolean attribute: present means "hide", whatever its value.
  config.settingsButton = raw['no-settings-button'] == null;

  return { config: Object.freeze(config), problems };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
