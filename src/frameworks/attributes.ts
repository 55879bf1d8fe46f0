// Types only: the attributes of <yinyom-consent> as framework typings see them. Framework-free,
// shared by the opt-in "yinyom/jsx" (React) and "yinyom/vue" entries.
import type { ConfigAttribute, Position, Theme } from '../core/config.js';
import type { Language } from '../i18n/language.js';

type OnOff = 'on' | 'off';

/** Every attribute `<yinyom-consent>` reads, with the values it accepts. */
export interface Attributes {
  /** Language of the notice: `th`, `en` (or `th-TH`, `en-GB`…), or one added with `registerLanguage()`. Default: `<html lang>`, then the browser, then Thai. */
  lang: Language;
  /** The site's privacy policy (http, https or relative). */
  'policy-url': string;
  /** The organisation's name, used in the notice. */
  org: string;
  /** Optional categories in use, separated by spaces: `functional`, `analytics`, `marketing`. Default `analytics`. */
  categories: string;
  /** Policy revision; a choice stored under another revision is asked again. Default `1`. */
  revision: string | number;
  /** Lifetime of a stored choice in days, 1–400. Default `180`. */
  'expires-days': string | number;
  /** Name of the consent cookie. Default `yinyom`. */
  'cookie-name': string;
  /** Domain to share the choice across subdomains. Default: this host only. */
  'cookie-domain': string;
  /** Where the banner sits. Default `bottom`. */
  position: Position;
  /** Colour scheme. Default `auto` (follows the visitor's system). */
  theme: Theme;
  /** Google Consent Mode v2 signals. Default `on`. */
  'consent-mode': OnOff;
  /** Honour Global Privacy Control. Default `on`. */
  'respect-gpc': OnOff;
  /** Endpoint that receives a consent receipt (POST, JSON). */
  'log-url': string;
  /** Hides the floating button that reopens the preferences. */
  'no-settings-button': boolean;
  /** `off` keeps the page as it is when a category that already ran is withdrawn. Default `on`. */
  'reload-on-withdrawal': OnOff;
  /** Extra cookies to delete on withdrawal, e.g. `analytics:_hj* marketing:_tt_*`. */
  'clear-cookies': string;
}

// Fails to type-check when the list above and the element's CONFIG_ATTRIBUTES drift apart.
type Exactly<T extends Record<ConfigAttribute, unknown> & Record<Exclude<keyof T, ConfigAttribute>, never>> = {
  [K in keyof T]?: T[K];
};

/** The attributes of `<yinyom-consent>`, kebab-case as in HTML, all optional. */
export interface YinyomConsentAttributes extends Exactly<Attributes> {}

