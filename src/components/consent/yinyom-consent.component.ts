import { adoptStyles, html, LitElement, nothing } from 'lit';
import type { CategoryChoices, OptionalCategory } from '../../core/categories.js';
import type { ConfigAttribute, RawConfig } from '../../core/config.js';
import type { ConsentRecord } from '../../core/consent-record.js';
import type { ConsentChange, ConsentStore } from '../../core/consent-store.js';
import { formatDate } from '../../i18n/format-date.js';
import { nextTask } from '../../internal/next-task.js';
import { resolveLanguage, type Language } from '../../i18n/language.js';
import type { Messages } from '../../i18n/messages.js';
import { applyOverride, localText, parseSiteTexts, type CookieInfo, type SiteTexts } from '../../i18n/site-texts.js';
import { knownLanguages, messagesFor } from '../../i18n/registry.js';
import { ConsentController } from '../../controllers/consent-controller.js';
import { preferencesStyles, styles } from './yinyom-consent.styles.js';
import { ownValue } from '../../internal/own.js';

/** The language the visible switch offers: English from Thai, Thai from any other. */
const other = (language: Language): Language => (language === 'th' ? 'en' : 'th');

/**
 * A bilingual Thai/English cookie-consent notice. It asks, remembers the visitor's choice
 * in a first-party cookie, and makes gated scripts (`<script type="text/plain"
 * data-consent="analytics">`) live only when that choice allows.
 *
 * @summary Cookie consent banner and preferences, in Thai and English.
 *
 * @attr {string} lang - `th` or `en`. Default: the page's `<html lang>`, then the browser's languages, then `th`.
 *
 * @event {YinyomReadyEvent} yinyom-ready - On `window`, once the stored choice has been read. `detail: { consent }`.
 * @event {YinyomChangeEvent} yinyom-change - On `window`, after every stored choice. `detail: { consent, changed, first }`: `changed` lists the categories whose state changed; `first` is true for the first choice ever made on this browser.
 *
 * @csspart banner - The notice region shown until the visitor chooses.
 * @csspart title - The banner's heading.
 * @csspart text - The banner's text.
 * @csspart policy-link - The link to the privacy policy.
 * @csspart button - Every button.
 * @csspart accept-button - "Accept all" (banner and preferences).
 * @csspart reject-button - "Reject all" (banner and preferences).
 * @csspart preferences-button - "Choose", which opens the preferences.
 * @csspart language-button - The TH/EN switch.
 * @csspart dialog - The preferences dialog.
 * @csspart category - One category row in the preferences.
 * @csspart toggle - A category's switch.
 * @csspart save-button - "Save settings".
 * @csspart close-button - Closes the preferences without saving.
 * @csspart settings-button - The floating button that reopens the preferences after a choice.
 * @csspart status - The message confirming a save.
 * @csspart notice - The "policy changed" line in the banner and the Global Privacy Control line in the preferences.
 * @csspart preferences-title - The preferences' heading.
 * @csspart preferences-text - The preferences' introduction.
 * @csspart category-title - A category's name.
 * @csspart category-description - A category's description.
 * @csspart traffic-logs - The statement that the server keeps traffic logs whatever the choice.
 * @csspart receipt - The visitor's own consent receipt (id and date).
 * @csspart cookie-list - A category's list of the cookies the site declares (a `<details>`), when it declares any.
 * @csspart cookie-table - The table in it: cookie name, provider, purpose, lifetime.
 *
 * @cssproperty --yinyom-font-family - Font; the page's font by default, with a Thai fallback stack.
 * @cssproperty [--yinyom-font-size=1rem] - Base font size.
 * @cssproperty [--yinyom-color-background=#fff] - Background (light theme).
 * @cssproperty [--yinyom-color-text=#1f2328] - Text colour (light theme).
 * @cssproperty [--yinyom-color-muted=#4b5563] - Secondary text (light theme).
 * @cssproperty [--yinyom-color-accent=#0b57a4] - Button and switch colour (light theme).
 * @cssproperty [--yinyom-color-on-accent=#fff] - Text on accent (light theme).
 * @cssproperty [--yinyom-color-border=#6b7380] - Borders and switch tracks (light theme).
 * @cssproperty [--yinyom-color-focus=#0b57a4] - Focus ring (light theme).
 * @cssproperty [--yinyom-color-background-dark=#1c1e22] - Background (dark theme).
 * @cssproperty [--yinyom-color-text-dark=#eceef1] - Text colour (dark theme).
 * @cssproperty [--yinyom-color-muted-dark=#c1c7d0] - Secondary text (dark theme).
 * @cssproperty [--yinyom-color-accent-dark=#9cc3ff] - Button and switch colour (dark theme).
 * @cssproperty [--yinyom-color-on-accent-dark=#0b1b30] - Text on accent (dark theme).
 * @cssproperty [--yinyom-color-border-dark=#8b93a1] - Borders and switch tracks (dark theme).
 * @cssproperty [--yinyom-color-focus-dark=#9cc3ff] - Focus ring (dark theme).
 * @cssproperty [--yinyom-radius=0.5rem] - Corner radius.
 * @cssproperty [--yinyom-spacing=1rem] - Base spacing.
 * @cssproperty [--yinyom-z-index=2147483000] - Stacking order of the banner.
 */
export class YinyomConsent extends LitElement {
  static override styles = styles;

  // `lang` is the global HTML attribute: observe it without shadowing the native property.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  private readonly consent = new ConsentController(this);

  // Declared without decorators (the script-tag build pays for every byte on every page),
  // and every attribute named, since rawConfig() reads the configuration from this table.
  static override properties: Record<string, { attribute?: string | false; type?: unknown; state?: boolean }> = {
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
    texts: { attribute: false },
    reloadOnWithdrawal: { attribute: 'reload-on-withdrawal' },
    clearCookies: { attribute: 'clear-cookies' },
    chosenLanguage: { state: true },
    draft: { state: true },
    preferencesOpen: { state: true },
    status: { state: true },
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
  revision?: string;
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
  position?: string;
  /**
   * Colour theme: `light`, `dark` or `auto` (follows the system).
   * @default 'auto'
   */
  theme?: string;
  /**
   * Google Consent Mode v2 signals, `on` or `off`.
   * @default 'on'
   */
  consentMode?: string;
  /**
   * Honour Global Privacy Control, `on` or `off`.
   * @default 'on'
   */
  respectGpc?: string;
  /** Endpoint that receives a consent receipt after each choice (POST, JSON). */
  logUrl?: string;
  /** Hides the floating button that reopens the preferences. */
  noSettingsButton = false;
  /**
   * Reload the page when a category whose scripts already ran is withdrawn, `on` or `off`.
   * @default 'on'
   */
  reloadOnWithdrawal?: string;
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

  /** The visitor's pick from the language switch, which outranks every other source. */
  private chosenLanguage?: Language;
  /** The switches' positions while the preferences are open; saved only on request. */
  private draft: CategoryChoices = {};
  private preferencesOpen = false;
  private preferencesStyled = false;
  private status = '';

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** What had focus before the preferences opened, to return it there on close. */
  private opener?: HTMLElement;
  private observedBanner?: HTMLElement;
  // Sizes are read only here, after the browser's own layout: reading offsetHeight while
  // rendering forced a synchronous layout of the whole page (about 20 ms on the bench page).
  private readonly bannerSize = new ResizeObserver(([entry]) => this.padPage(entry?.target.isConnected ? entry.borderBoxSize[0]?.blockSize : undefined));
  /** The page's own scroll padding on the banner's edge, to put back. */
  private pagePadding?: [string, string];
  private statusTimer?: ReturnType<typeof setTimeout>;

  /** The language the notice is shown in now. */
  get language(): Language {
    return this.chosenLanguage ?? resolveLanguage([this.getAttribute('lang'), document.documentElement.lang, ...browserLanguages()], knownLanguages());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Capture, on window: the opener must win the click before a client router (Astro's,
    // Next's Link) sees it bubble and swaps the page. Routers skip default-prevented clicks.
    window.addEventListener('click', this.handleDocumentClick, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('click', this.handleDocumentClick, true);
    clearTimeout(this.statusTimer);
    this.bannerSize.disconnect();
    this.observedBanner = undefined;
    this.padPage(undefined);
  }

  /**
   * The first update (which reads the stored choice, then renders) waits for a task of its
   * own: a deferred script shares its task with the page's first layout, and the notice must
   * not turn that into a long task. Later updates are immediate.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    // The page's own font first, then a Thai-capable stack: a page font without Thai glyphs
    // must not leave Thai to whatever the system picks. Set through the CSSOM, which a strict
    // style-src allows, unlike a style attribute.
    this.renderRoot.querySelector<HTMLElement>('.root')?.style.setProperty('--_page-font', getComputedStyle(this).fontFamily);
  }

  protected override updated(): void {
    const banner = this.renderRoot.querySelector<HTMLElement>('.banner:not([hidden])') ?? undefined;
    if (banner !== this.observedBanner) {
      this.bannerSize.disconnect();
      // Observing reports the first size after the next layout; until then, no padding.
      if (banner) this.bannerSize.observe(banner);
      else this.padPage(undefined);
      this.observedBanner = banner;
    }
  }

  /**
   * While the banner covers an edge of the viewport, the page scrolls focused elements clear
   * of it (WCAG 2.4.11, focus not obscured); the page's own scroll padding comes back after.
   */
  private padPage(bannerHeight: number | undefined): void {
    const style = document.documentElement.style;
    if (this.pagePadding) style.setProperty(...this.pagePadding);
    this.pagePadding = undefined;
    const position = this.consent.config?.position;
    if (bannerHeight === undefined || position === 'center') return;
    const property = `scroll-padding-${position}`;
    this.pagePadding = [property, style.getPropertyValue(property)];
    style.setProperty(property, `${Math.ceil(bannerHeight) + 16}px`);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** @internal The configuration as written, for the controller to validate. */
  rawConfig(): RawConfig {
    // Lit keeps each property in step with its attribute; a property set from JavaScript
    // (as frameworks do) wins, so reading the properties covers both.
    const raw: RawConfig = { lang: this.getAttribute('lang') };
    for (const [name, { attribute }] of Object.entries(YinyomConsent.properties)) {
      const value = (this as unknown as Record<string, unknown>)[name];
      if (typeof attribute === 'string') raw[attribute as ConfigAttribute] = value === false || value == null ? null : String(value);
    }
    return raw;
  }

  /** The site's texts, from the property or the JSON child, checked once per source. */
  private get siteTexts(): SiteTexts {
    const source: unknown = this.texts ?? this.querySelector('script[type="application/json"][data-yinyom-texts]')?.textContent ?? undefined;
    if (source === undefined) return {};
    if (source !== this.checkedSource) {
      const { texts, problems } = parseSiteTexts(source, messagesFor('th'));
      for (const problem of problems) console.error(problem);
      this.checkedSource = source;
      this.checkedTexts = texts;
    }
    return this.checkedTexts;
  }

  private checkedSource?: unknown;
  private checkedTexts: SiteTexts = {};

  /** The texts in a language: registered or built in, with the site's wording laid over. */
  private messages(language: Language): Messages {
    return applyOverride(messagesFor(language), ownValue(this.siteTexts.messages, language));
  }

  /** @internal Cookie names the site declares for a category, to delete on withdrawal. */
  declaredCookies(category: string): string[] {
    return (ownValue(this.siteTexts.cookies, category) ?? []).map((cookie) => cookie.name);
  }

  private renderCookies(cookies: readonly CookieInfo[] | undefined, m: Messages, language: Language) {
    if (!cookies?.length) return nothing;
    return html`<details part="cookie-list">
      <summary>${m.cookieList} (${cookies.length})</summary>
      <table part="cookie-table">
        <thead>
          <tr>
            <th scope="col">${m.cookieName}</th>
            <th scope="col">${m.provider}</th>
            <th scope="col">${m.purpose}</th>
            <th scope="col">${m.lifetime}</th>
          </tr>
        </thead>
        <tbody>
          ${cookies.map(
            (cookie) => html`<tr>
              <th scope="row"><code>${cookie.name}</code></th>
              <td>${cookie.provider ?? ''}</td>
              <td>${localText(cookie.purpose, language)}</td>
              <td>${localText(cookie.lifetime, language)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }

  private handleDocumentClick = (event: MouseEvent): void => {
    const opener = event
      .composedPath()
      .find((node): node is HTMLElement => node instanceof HTMLElement && node.hasAttribute('data-yinyom-open'));
    if (!opener) return;
    event.preventDefault();
    void this.showPreferences();
  };

  private handleLanguageClick(): void {
    this.chosenLanguage = other(this.language);
  }

  private handleToggle(category: OptionalCategory, event: Event): void {
    this.draft = { ...this.draft, [category]: (event.target as HTMLInputElement).checked };
  }

  private async handleDialogClose(): Promise<void> {
    // Escape and the close button land here too: closing is never a choice.
    this.preferencesOpen = false;
    const opener = this.opener;
    this.opener = undefined;
    // The banner was hidden under the dialog: it must be shown again before it can take focus.
    await this.updateComplete;
    if (opener?.isConnected) opener.focus();
  }

  /** A choice made through the notice: stored, then confirmed to every visitor, sighted or not. */
  private handleChoice(choose: () => unknown): void {
    choose();
    this.status = this.messages(this.language).saved;
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => (this.status = ''), 5000);
  }

  private closePreferences(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  /**
   * @internal An earlier <yinyom-consent> that already serves this page. A second one
   * (a CMS block and a theme both adding it) stands by and forwards to the first, so the
   * visitor sees one banner and each choice is written once.
   */
  get primary(): YinyomConsent | undefined {
    const first = document.querySelector('yinyom-consent');
    return first !== this && first instanceof YinyomConsent ? first : undefined;
  }

  /** The standing choice, or null before the visitor has chosen. */
  getConsent(): ConsentRecord | null {
    return this.primary?.getConsent() ?? this.consent.store.consent;
  }

  /** Whether a category is granted now (`necessary` always is). */
  hasConsent(category: string): boolean {
    return this.primary?.hasConsent(category) ?? this.consent.store.hasConsent(category);
  }

  /** Grants every category in use (all but marketing under Global Privacy Control) and stores the choice. */
  acceptAll(): ConsentRecord {
    return this.primary?.acceptAll() ?? this.choose((store) => store.acceptAll(this.language));
  }

  /** Refuses every optional category and stores the choice. */
  rejectAll(): ConsentRecord {
    return this.primary?.rejectAll() ?? this.choose((store) => store.rejectAll(this.language));
  }

  /** Stores a choice per category; categories left out are refused. */
  save(choices: CategoryChoices): ConsentRecord {
    return this.primary?.save(choices) ?? this.choose((store) => store.save(choices, this.language));
  }

  /** Forgets the stored choice and shows the notice again. */
  reset(): void {
    const primary = this.primary;
    if (primary) return primary.reset();
    this.closePreferences();
    this.consent.store.reset();
  }

  /** @internal Grants one more category and keeps the rest of the choice (a placeholder's "allow"). */
  allow(category: string): void {
    const choices: Record<string, boolean> = { ...this.getConsent()?.categories, [category]: true };
    delete choices.necessary;
    this.save(choices);
  }

  private choose(act: (store: ConsentStore) => ConsentChange): ConsentRecord {
    const { consent } = act(this.consent.store);
    this.closePreferences();
    return consent;
  }

  /** Opens the preferences; resolves once the dialog is open. */
  async showPreferences(): Promise<void> {
    const primary = this.primary;
    if (primary) return primary.showPreferences();
    if (this.preferencesOpen) return;
    this.opener = deepActiveElement();
    const consent = this.consent.store.consent;
    // Start from the standing choice, or from nothing granted: no switch is ever pre-ticked.
    this.draft = consent ? { ...consent.categories } : {};
    if (!this.preferencesStyled) adoptStyles(this.renderRoot as ShadowRoot, [styles, preferencesStyles]);
    this.preferencesStyled = true;
    this.preferencesOpen = true;
    await this.updateComplete;
    if (!this.dialog!.open) this.dialog!.showModal();
  }

  private renderCategory(category: OptionalCategory, m: Messages, language: Language) {
    const id = `category-${category}`;
    return html`<li part="category">
      <div>
        <label for=${id} part="category-title">${m.categories[category].title}</label>
        <p id=${`${id}-description`} part="category-description">${m.categories[category].description}</p>
        ${this.renderCookies(ownValue(this.siteTexts.cookies, category), m, language)}
      </div>
      <input
        type="checkbox"
        role="switch"
        id=${id}
        part="toggle"
        aria-describedby=${`${id}-description`}
        .checked=${this.draft[category] === true}
        @change=${(event: Event) => this.handleToggle(category, event)}
      />
    </li>`;
  }

  protected override render() {
    if (this.primary) return nothing;
    const language = this.language;
    const m = this.messages(language);
    const next = other(language);
    const { config, store } = { config: this.consent.config, store: this.consent.store };
    const consent = store.consent;
    const languageButton = html`<button
      class="quiet"
      part="button language-button"
      lang=${next}
      @click=${this.handleLanguageClick}
    >
      ${this.messages(next).languageName}
    </button>`;
    const policyLink = config.policyUrl
      ? html`<a part="policy-link" href=${config.policyUrl}>${m.policyLink}</a>`
      : nothing;
    const choiceButtons = html`
      <button class="choice" part="button accept-button" @click=${() => this.handleChoice(() => this.acceptAll())}>
        ${m.acceptAll}
      </button>
      <button class="choice" part="button reject-button" @click=${() => this.handleChoice(() => this.rejectAll())}>
        ${m.rejectAll}
      </button>
    `;
    return html`<div class="root ${config.theme} ${config.position}" lang=${language}>
      ${consent
        ? nothing
        : html`<section
            class="banner"
            part="banner"
            role="region"
            aria-labelledby="banner-title"
            ?hidden=${this.preferencesOpen}
          >
            <div class="head">
              <h2 id="banner-title" part="title">${m.bannerTitle}</h2>
              ${languageButton}
            </div>
            ${store.askReason === 'revision' ? html`<p class="notice" part="notice">${m.policyChanged}</p>` : nothing}
            <p part="text">${m.bannerText(config.org)} ${policyLink}</p>
            <div class="actions">
              ${choiceButtons}
              <button class="choice" part="button preferences-button" @click=${() => this.showPreferences()}>
                ${m.choose}
              </button>
            </div>
          </section>`}
      ${consent && config.settingsButton && !this.preferencesOpen
        ? html`<button class="settings" part="button settings-button" @click=${() => this.showPreferences()}>
            ${m.settingsButton}
          </button>`
        : nothing}
      <dialog part="dialog" aria-labelledby="preferences-title" @close=${this.handleDialogClose}>
        ${this.preferencesOpen
          ? html`<div class="head">
                <h2 id="preferences-title" part="preferences-title">${m.preferencesTitle}</h2>
                <span>
                  ${languageButton}
                  <button class="quiet" part="button close-button" @click=${this.closePreferences}>${m.close}</button>
                </span>
              </div>
              <p part="preferences-text">${m.preferencesIntro} ${policyLink}</p>
              <ul>
                <li part="category">
                  <div>
                    <span class="label" part="category-title" id="category-necessary">${m.necessary.title}</span>
                    <p part="category-description">${m.necessary.description}</p>
                    ${this.renderCookies(this.siteTexts.cookies?.necessary, m, language)}
                  </div>
                  <span class="always">${m.alwaysOn}</span>
                </li>
                ${config.categories.map((category) => this.renderCategory(category, m, language))}
              </ul>
              ${store.gpc && config.categories.includes('marketing')
                ? html`<p class="notice" part="notice">${m.gpc}</p>`
                : nothing}
              <p class="logs" part="traffic-logs">${m.trafficLogs}</p>
              ${consent
                ? html`<p class="logs" part="receipt">${m.receipt(consent.id, formatDate(consent.updatedAt, language))}</p>`
                : nothing}
              <div class="actions">
                ${choiceButtons}
                <button
                  class="choice"
                  part="button save-button"
                  @click=${() => this.handleChoice(() => this.save(this.draft))}
                >
                  ${m.save}
                </button>
              </div>`
          : nothing}
      </dialog>
      <div class="status" part="status" role="status">${this.status}</div>
    </div>`;
  }
}

/** The browser's languages; none when another script broke `navigator.languages`. */
function browserLanguages(): string[] {
  try {
    return [...navigator.languages, navigator.language];
  } catch {
    return [];
  }
}

/** The focused element, looking through open shadow roots (a page's own components). */
function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'yinyom-consent': YinyomConsent;
  }
}
