import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import {
  parseConfig,
  type ConfigAttribute,
  type ConsentConfig,
  type OnOff,
  type Position,
  type RawConfig,
  type Theme,
} from '../../core/config.js';
import { knownLanguages } from '../../i18n/registry.js';
import type { SiteTexts } from '../../i18n/site-texts.js';

/**
 * The attributes of `<yinyom-consent>`, in one place: each property with its attribute (the
 * table below, checked against CONFIG_ATTRIBUTES), its type and its documentation, from which
 * custom-elements.json, README's tables and the React and Vue typings are generated.
 */
export class ConsentAttributes extends LitElement {
  // Declared without decorators (the script-tag build pays for every byte on every page),
  // each configuring property named after its attribute; readConfig() reads this table, and
  // a test checks it against CONFIG_ATTRIBUTES.
  static override properties: PropertyDeclarations = {
    policyUrl: { attribute: 'policy-url' },
    org: { attribute: 'org' },
    categories: { attribute: 'categories' },
    revision: { attribute: 'revision' },
    expiresDays: { attribute: 'expires-days' },
    cookieName: { attribute: 'cookie-name' },
    cookieDomain: { attribute: 'cookie-domain' },
    position: { attribute: 'position' },
    theme: { attribute: 'theme' },
    consentMode: { attribute: 'consent-mode' },
    respectGpc: { attribute: 'respect-gpc' },
    logUrl: { attribute: 'log-url' },
    noSettingsButton: { type: Boolean, attribute: 'no-settings-button' },
    reloadOnWithdrawal: { attribute: 'reload-on-withdrawal' },
    clearCookies: { attribute: 'clear-cookies' },
    texts: { attribute: false },
  };

  /** The site's privacy policy (http, https or relative). */
  policyUrl?: string;
  /** The organisation's name, used in the notice. */
  org?: string;
  /**
   * Optional categories in use, separated by spaces: `functional`, `analytics`, `marketing`.
   * @default 'analytics'
   */
  categories?: string;
  /**
   * Policy revision; a choice stored under another revision is asked again, with a line saying the policy changed.
   * @default '1'
   */
  revision?: string | number;
  /**
   * Lifetime of a stored choice in days, 1–400.
   * @default 180
   */
  expiresDays?: string | number;
  /**
   * Name of the consent cookie.
   * @default 'yinyom'
   */
  cookieName?: string;
  /** Domain to share the choice across subdomains. Default: this host only. */
  cookieDomain?: string;
  /**
   * Where the banner sits: `bottom`, `top` or `center`.
   * @default 'bottom'
   */
  position?: Position;
  /**
   * Colour theme: `light`, `dark` or `auto` (follows the system).
   * @default 'auto'
   */
  theme?: Theme;
  /**
   * Google Consent Mode v2 signals, `on` or `off`.
   * @default 'on'
   */
  consentMode?: OnOff;
  /**
   * Honour Global Privacy Control, `on` or `off`.
   * @default 'on'
   */
  respectGpc?: OnOff;
  /** Endpoint that receives a consent receipt after each choice (POST, JSON). */
  logUrl?: string;
  /** Hides the floating button that reopens the preferences. */
  noSettingsButton = false;
  /**
   * Reload the page when a category whose scripts already ran is withdrawn, `on` or `off`.
   * @default 'on'
   */
  reloadOnWithdrawal?: OnOff;
  /**
   * More cookies to delete on withdrawal, beyond the built-in list, as `category:name` pairs
   * (`*` is a wildcard), e.g. `analytics:_hj* marketing:_tt_*`.
   */
  clearCookies?: string;
  /**
   * The site's own wording per language and its cookie lists, as in a
   * `<script type="application/json" data-yinyom-texts>` child (which is read when this is unset).
   */
  texts?: SiteTexts;

  /** The validated configuration; computed again when a configuring property changes. */
  private _parsed?: ConsentConfig;
  /** Configuration mistakes already reported: each is said once. */
  private readonly _reported = new Set<string>();

  // `lang` is the global HTML attribute: observe it without shadowing the native property.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate('lang', old);
  }

  protected override willUpdate(changed: PropertyValues): void {
    for (const name of changed.keys()) {
      if (name === 'lang' || (name !== 'texts' && name in ConsentAttributes.properties)) this._parsed = undefined;
    }
  }

  /**
   * The configuration as written, validated. Lit keeps each property in step with its
   * attribute, and a property set from JavaScript (as frameworks do) wins, so reading the
   * properties covers both.
   */
  protected get _config(): ConsentConfig {
    if (this._parsed) return this._parsed;
    const raw: RawConfig = { lang: this.getAttribute('lang') };
    for (const [name, { attribute }] of Object.entries(ConsentAttributes.properties)) {
      const value = this[name as keyof ConsentAttributes] as string | number | boolean | undefined;
      if (typeof attribute === 'string') {
        raw[attribute as ConfigAttribute] = value === false || value == null ? null : String(value);
      }
    }
    const { config, problems } = parseConfig(raw, { languages: knownLanguages() });
    for (const { message } of problems) {
      if (!this._reported.has(message)) console.error(message);
      this._reported.add(message);
    }
    this._parsed = config;
    return config;
  }
}
