import { html, nothing, type TemplateResult } from 'lit';
import type { CategoryChoices, OptionalCategory } from '../../core/categories.js';
import type { ConsentConfig } from '../../core/config.js';
import type { ConsentRecord } from '../../core/consent-record.js';
import type { Language } from '../../i18n/language.js';
import type { ArrivedMessages } from '../../i18n/messages.js';
import type { SiteTexts } from '../../i18n/site-texts.js';

/**
 * What the banner and the preferences show, and the intents they send back. The banner
 * needs its own texts only; the preferences every text (`NoticeView<Messages>`).
 */
export interface NoticeView<M extends ArrivedMessages = ArrivedMessages> {
  readonly language: Language;
  readonly messages: M;
  /** The language the switch offers, and that language's own name for itself. */
  readonly other: Language;
  readonly otherName: string;
  readonly config: ConsentConfig;
  readonly consent: ConsentRecord | null;
  /** Asked again because the policy's revision changed. */
  readonly policyChanged: boolean;
  /** The browser sends Global Privacy Control. */
  readonly gpc: boolean;
  readonly cookies: SiteTexts['cookies'];
  /** The switches' positions while the preferences are open. */
  readonly draft: CategoryChoices;
  readonly preferencesOpen: boolean;
  /** The preferences could not be loaded: the banner stands in, with its choices. */
  readonly unavailable: boolean;
  /** The banner's whole text is shown (a phone shows its first lines until asked). */
  readonly textOpen: boolean;
  readonly acceptAll: () => void;
  readonly rejectAll: () => void;
  readonly save: () => void;
  readonly showPreferences: () => void;
  /** The visitor is about to open the preferences: fetch them ahead. */
  readonly prefetch: () => void;
  readonly toggleText: () => void;
  /** Puts the visitor's own receipt on the clipboard. */
  readonly copyReceipt: () => void;
  readonly close: () => void;
  readonly switchLanguage: () => void;
  readonly toggle: (category: OptionalCategory, checked: boolean) => void;
}

/** The TH/EN switch, labelled in the language it offers. */
export const languageButton = (view: NoticeView): TemplateResult =>
  html`<button class="quiet" part="button language-button" lang=${view.other} @click=${view.switchLanguage}>${view.otherName}</button>`;

export const policyLink = ({ config, messages }: NoticeView): TemplateResult | typeof nothing =>
  config.policyUrl ? html`<a part="policy-link" href=${config.policyUrl}>${messages.policyLink}</a>` : nothing;

/** Accept and reject, the same in the banner and the preferences, with equal weight. */
export const choiceButtons = ({ messages, acceptAll, rejectAll }: NoticeView): TemplateResult => html`
  <button class="choice" part="button accept-button" @click=${acceptAll}>${messages.acceptAll}</button>
  <button class="choice" part="button reject-button" @click=${rejectAll}>${messages.rejectAll}</button>
`;
