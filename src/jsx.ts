// Types only: JSX and Vue-template typings for <yinyom-consent>. Nothing here exists at run
// time, and nothing imports this file: it is a separate, opt-in entry ("yinyom/jsx"), so that
// `import 'yinyom'` keeps type-checking for projects that have neither React nor Vue installed.
//
//   // once, anywhere in a React 19, Preact or Vue 3 project (e.g. src/env.d.ts or main.ts):
//   import type {} from 'yinyom/jsx';
//
// Events are not element props: `yinyom-ready` and `yinyom-change` fire on `window`
// (or use `onConsent()`), so there is no `onYinyomChange` to type.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { DefineComponent } from 'vue';
import type { YinyomConsent } from './components/consent/yinyom-consent.component.js';
import type { ConfigAttribute, Position, Theme } from './core/config.js';
import type { Language } from './core/language.js';

type OnOff = 'on' | 'off';

/** Every attribute `<yinyom-consent>` reads, with the values it accepts. */
interface Attributes {
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

/** React 19 props: the attributes plus `ref`, `key`, `className`, `id`, `style`, `children`, `on…`. */
export type YinyomConsentReactProps = YinyomConsentAttributes & DetailedHTMLProps<HTMLAttributes<YinyomConsent>, YinyomConsent>;

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/**
 * The attributes as Vue's template type checker wants them: camelCase, since it camelizes
 * `policy-url` before looking it up (templates may use either spelling). One exception:
 * Vue sets an unknown attribute bound to `false` as the string "false", which a boolean
 * attribute reads as present, so `no-settings-button` is written bare or bound to `true` / `null`.
 */
export type YinyomConsentVueProps = {
  [K in Exclude<keyof YinyomConsentAttributes, 'no-settings-button'> as Camel<K>]?: YinyomConsentAttributes[K];
} & {
  /** Hides the floating button that reopens the preferences. Bare, or bound to `true` / `null`: `false` would count as set. */
  noSettingsButton?: true | '' | null;
};

/** The element as Vue's template type checker (vue-tsc, the Vue - Official extension) sees it. */
export type YinyomConsentVueComponent = DefineComponent<YinyomConsentVueProps>;

declare module 'react' {
  // React 19 types JSX under React.JSX; the global JSX namespace is gone.
  namespace JSX {
    interface IntrinsicElements {
      'yinyom-consent': YinyomConsentReactProps;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'yinyom-consent': YinyomConsentVueComponent;
  }
}
