import { html, nothing, type LitElement, type PropertyDeclarations } from 'lit';
import type { CategoryChoices, OptionalCategory } from '../../core/categories.js';
import type { ConsentRecord } from '../../core/consent-record.js';
import type { ConsentChange, ConsentStore } from '../../core/consent-store.js';
import { ConsentController } from '../../controllers/consent-controller.js';
import { ExtraController } from '../../controllers/extra-controller.js';
import { FirstContactController } from '../../controllers/first-contact-controller.js';
import { FocusController } from '../../controllers/focus-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { OpenerController } from '../../controllers/opener-controller.js';
import { ScrollPaddingController } from '../../controllers/scroll-padding-controller.js';
import { StatusController } from '../../controllers/status-controller.js';
import type { Language } from '../../i18n/language.js';
import { isComplete } from '../../i18n/messages.js';
import { noticeWording } from '../../i18n/notice-wording.js';
import { nextTask } from '../../internal/next-task.js';
import { ownValue } from '../../internal/own.js';
import { PlaceholderController } from '../placeholder/placeholder-controller.js';
import { ConsentAttributes } from './consent-attributes.js';
import { renderBanner, renderSettingsButton } from './banner.template.js';
import type { NoticeView } from './notice-view.js';
import { styles } from './yinyom-consent.styles.js';

/**
 * A bilingual Thai/English cookie-consent notice. It asks, remembers the visitor's choice
 * in a first-party cookie, and makes gated scripts (`<script type="text/plain"
 * data-consent="analytics">`) live only when that choice allows.
 *
 * @summary Cookie consent banner and preferences, in Thai and English.
 *
 * @attr {Language} lang - `th` or `en`. Default: the page's `<html lang>`, then the browser's languages, then `th`.
 *
 * @event {YinyomReadyEvent} yinyom-ready - Once the stored choice has been read; on the element (bubbling, composed) and so on `window`. `detail: { consent }`.
 * @event {YinyomChangeEvent} yinyom-change - After every stored choice; on the element (bubbling, composed) and so on `window`. `detail: { consent, changed, first }`: `changed` lists the categories whose state changed; `first` is true for the first choice ever made on this browser.
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
 * @csspart close-button - Closes the preferences, or the banner standing in for them, without saving.
 * @csspart settings-button - The floating button that reopens the preferences after a choice.
 * @csspart status - The message confirming a save.
 * @csspart notice - The "policy changed" line in the banner and the Global Privacy Control line in the preferences.
 * @csspart preferences-title - The preferences' heading.
 * @csspart preferences-text - The preferences' introduction.
 * @csspart category-title - A category's name.
 * @csspart category-description - A category's description.
 * @csspart traffic-logs - The statement that the server keeps traffic logs whatever the choice.
 * @csspart receipt - The visitor's own consent receipt (id and date).
 * @csspart copy-receipt-button - Copies the receipt, with each category's state, in the notice's language.
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
export class YinyomConsent extends ConsentAttributes {
  static override styles = styles;

  // Declared without decorators: the script-tag build pays for every byte on every page.
  static override properties: PropertyDeclarations = {
    _draft: { state: true },
    _preferencesOpen: { state: true },
    _textOpen: { state: true },
  };

  private readonly _localize = new LocalizeController(this, {
    texts: () =>
      this.texts ?? this.querySelector('script[type="application/json"][data-yinyom-texts]')?.textContent ?? undefined,
  });
  private readonly _placeholders: PlaceholderController = new PlaceholderController(this, {
    gate: () => this._consent.session.gate,
    language: () => this._localize.language,
    texts: () => this._localize.siteTexts,
    allow: (category) => this._allow(category),
  });
  private readonly _consent = new ConsentController(this, {
    config: () => this._config,
    standby: () => this._primary !== undefined,
    declaredCookies: (category) =>
      (ownValue(this._localize.siteTexts.cookies, category) ?? []).map((cookie) => cookie.name),
    blocked: (element) => this._placeholders.show(element),
    live: (element) => this._placeholders.hide(element),
    // What was shown at the choice; spelt out once the second file has brought every text.
    wording: () => {
      const config = this._config;
      const language = this.language;
      return () => {
        const messages = this._localize.messages(language);
        if (!isComplete(messages)) throw new Error(`the texts of "${language}" have not all arrived`);
        return noticeWording(messages, config, language);
      };
    },
  });
  private readonly _status = new StatusController(this);
  // The preferences arrive with the second file: their styles join the element's, and the
  // dialog's fitting starts watching it.
  private readonly _extra = new ExtraController(this, (extra) => {
    extra.adoptPreferencesStyles(this.renderRoot as ShadowRoot, (this.constructor as typeof LitElement).elementStyles);
    new extra.DialogFitController(this, () => this._dialog);
  });
  private readonly _focus = new FocusController(this);

  /** The switches' positions while the preferences are open; saved only on request. */
  private _draft: CategoryChoices = {};
  private _preferencesOpen = false;
  private _textOpen = false;

  constructor() {
    super();
    const banner = () => this.renderRoot.querySelector<HTMLElement>('.banner:not([hidden])') ?? undefined;
    new ScrollPaddingController(this, { banner, edge: () => this._config.position });
    new FirstContactController(this, {
      banner,
      announce: () => this._status.say(this._localize.messages().bannerTitle, true),
    });
    new OpenerController(
      this,
      () => void this.showPreferences(),
      () => this._primary !== undefined || this._config.settingsButton,
    );
  }

  /**
   * The first update (which reads the stored choice, then renders) waits for a task of its
   * own: a deferred script shares its task with the page's first layout, and the notice must
   * not turn that into a long task. Later updates are immediate.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    // Lit's own scheduleUpdate() is synchronous; the promise only types its override.
    void super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    // The page's own font first, then a Thai-capable stack: a page font without Thai glyphs
    // must not leave Thai to whatever the system picks. Set through the CSSOM, which a strict
    // style-src allows, unlike a style attribute.
    this.renderRoot
      .querySelector<HTMLElement>('.root')
      ?.style.setProperty('--_page-font', getComputedStyle(this).fontFamily);
  }

  /**
   * An earlier <yinyom-consent> that already serves this page. A second one (a CMS block and
   * a theme both adding it) stands by and forwards to the first, so the visitor sees one
   * banner and each choice is written once.
   */
  private get _primary(): YinyomConsent | undefined {
    const first = document.querySelector('yinyom-consent');
    return first !== this && first instanceof YinyomConsent ? first : undefined;
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Grants one more category and keeps the rest of the choice (a placeholder's "allow"). */
  private _allow(category: OptionalCategory): void {
    const choices: Record<string, boolean> = { ...this.getConsent()?.categories, [category]: true };
    delete choices.necessary;
    this._consent.from('placeholder', () => this.save(choices));
  }

  private _choose(act: (store: ConsentStore) => ConsentChange): ConsentRecord {
    const { consent } = act(this._consent.store);
    this._closePreferences();
    return consent;
  }

  private _closePreferences(): void {
    if (this._dialog?.open) this._dialog.close();
  }

  /** A choice made through the notice: stored, then confirmed to every visitor, sighted or not. */
  private _handleChoice(act: () => unknown): void {
    const fromBanner = this._focus.within('.banner');
    this._extra.failed = false;
    this._consent.from(this._preferencesOpen ? 'preferences' : 'banner', act);
    this._status.say(this._localize.messages().saved);
    if (fromBanner) void this._focus.land();
  }

  private async _handleDialogClose(): Promise<void> {
    // Escape and the close button land here too: closing is never a choice.
    this._preferencesOpen = false;
    await this._focus.land();
  }

  /** The language the notice is shown in now. */
  get language(): Language {
    return this._localize.language;
  }

  /** The standing choice, or null before the visitor has chosen. */
  getConsent(): ConsentRecord | null {
    return this._primary?.getConsent() ?? this._consent.store.consent;
  }

  /** Whether a category is granted now (`necessary` always is). */
  hasConsent(category: string): boolean {
    return this._primary?.hasConsent(category) ?? this._consent.store.hasConsent(category);
  }

  /** Grants every category in use (all but marketing under Global Privacy Control) and stores the choice. */
  acceptAll(): ConsentRecord {
    return this._primary?.acceptAll() ?? this._choose((store) => store.acceptAll(this.language));
  }

  /** Refuses every optional category and stores the choice. */
  rejectAll(): ConsentRecord {
    return this._primary?.rejectAll() ?? this._choose((store) => store.rejectAll(this.language));
  }

  /** Stores a choice per category; categories left out are refused. */
  save(choices: CategoryChoices): ConsentRecord {
    return this._primary?.save(choices) ?? this._choose((store) => store.save(choices, this.language));
  }

  /** Forgets the stored choice and shows the notice again. */
  reset(): void {
    const primary = this._primary;
    if (primary) {
      primary.reset();
      return;
    }
    this._closePreferences();
    this._consent.store.reset();
  }

  /**
   * Opens the preferences, loading them first if need be; resolves once the dialog is open,
   * or once the banner stands in for it because they could not be loaded.
   */
  async showPreferences(): Promise<void> {
    const primary = this._primary;
    if (primary) return primary.showPreferences();
    if (this._preferencesOpen) return;
    this._focus.remember();
    if (!(await this._extra.load())) {
      // The banner stands in (accept all, reject all), and says why; focus goes to that line.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.unavailable')?.focus();
      return;
    }
    if (this._preferencesOpen) return;
    const consent = this._consent.store.consent;
    // Start from the standing choice, or from nothing granted: no switch is ever pre-ticked.
    this._draft = consent ? { ...consent.categories } : {};
    this._preferencesOpen = true;
    await this.updateComplete;
    const dialog = this._dialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  protected override render() {
    if (this._primary) return nothing;
    const config = this._config;
    const store = this._consent.store;
    const language = this._localize.language;
    const other = this._localize.other;
    const view: NoticeView = {
      language,
      messages: this._localize.messages(language),
      other,
      otherName: this._localize.messages(other).languageName,
      config,
      consent: store.consent,
      policyChanged: store.askReason === 'revision',
      gpc: store.gpc,
      cookies: this._localize.siteTexts.cookies,
      draft: this._draft,
      preferencesOpen: this._preferencesOpen,
      unavailable: this._extra.failed,
      textOpen: this._textOpen,
      acceptAll: () => this._handleChoice(() => this.acceptAll()),
      rejectAll: () => this._handleChoice(() => this.rejectAll()),
      save: () => this._handleChoice(() => this.save(this._draft)),
      showPreferences: () => void this.showPreferences(),
      prefetch: this._extra.prefetch,
      toggleText: () => (this._textOpen = !this._textOpen),
      copyReceipt: () => prefs && void extra?.copyReceipt(prefs, this.renderRoot, (text) => this._status.say(text)),
      close: () => {
        if (this._preferencesOpen) return this._closePreferences();
        // The banner stood in for the preferences: back to the settings button, choice unchanged.
        this._extra.failed = false;
        this.requestUpdate();
        void this._focus.land();
      },
      switchLanguage: () => this._localize.choose(other),
      toggle: (category, checked) => (this._draft = { ...this._draft, [category]: checked }),
    };
    // Open preferences (and "copy receipt" in them) need the second file, and every text it
    // brings; the banner needs only its own.
    const { extra } = this._extra;
    const { messages } = view;
    const prefs = this._preferencesOpen && isComplete(messages) ? { ...view, messages } : undefined;
    return html`<div class="root ${config.theme} ${config.position}" lang=${language}>
      ${view.consent && !view.unavailable ? renderSettingsButton(view) : renderBanner(view)}
      ${
        // Not in the page until it is opened: most visitors answer from the banner.
        prefs && extra
          ? html`<dialog part="dialog" aria-labelledby="preferences-title" @close=${this._handleDialogClose}>
              ${extra.renderPreferences(prefs)}
            </dialog>`
          : nothing
      }
      <div class="status ${this._status.quiet ? 'quiet-status' : ''}" part="status" role="status">${this._status.text}</div>
    </div>`;
  }
}
