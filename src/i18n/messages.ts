import type { OptionalCategory } from '../core/categories.js';

/** One category's name and what it is for. */
export interface CategoryText {
  readonly title: string;
  readonly description: string;
}

/**
 * Every string the notice shows. Each locale is typed against this, so a missing key is a
 * type error, not a blank button in production.
 */
export interface Messages {
  /** The language's own name, for the switch that selects it ("ภาษาไทย", "English"). */
  readonly languageName: string;
  readonly bannerTitle: string;
  /** The banner's text; `org` is the organisation's name when the site gives one. */
  readonly bannerText: (org: string | undefined) => string;
  /** On a phone the banner text shows its first lines; this button shows the rest. */
  readonly readMore: string;
  /** Shown above the banner text when a new policy revision asks again. */
  readonly policyChanged: string;
  readonly policyLink: string;
  readonly acceptAll: string;
  readonly rejectAll: string;
  readonly choose: string;
  readonly preferencesTitle: string;
  readonly preferencesIntro: string;
  /** The traffic-log statement: a fact about the server, not a choice. */
  readonly trafficLogs: string;
  readonly alwaysOn: string;
  readonly save: string;
  readonly close: string;
  readonly saved: string;
  readonly settingsButton: string;
  /** Shown in the banner when the preferences could not be loaded (a file missing, offline). */
  readonly preferencesUnavailable: string;
  /** Shown in the preferences when the browser sends Global Privacy Control. */
  readonly gpc: string;
  /** In place of a gated embed: where it comes from and what it would set. */
  readonly placeholder: (provider: string, category: string) => string;
  readonly loadOnce: string;
  /** Heading of a category's list of cookies, and its labels. */
  readonly cookieList: string;
  readonly cookieName: string;
  readonly provider: string;
  readonly purpose: string;
  readonly lifetime: string;
  readonly allowCategory: (category: string) => string;
  /** The visitor's own receipt: the consent's id and when it was last changed. */
  readonly receipt: (id: string, date: string) => string;
  /** The button that copies the receipt, and what the status region says after it. */
  readonly copyReceipt: string;
  readonly copied: string;
  /** Said when the browser gives no clipboard (plain http): the receipt is selected instead. */
  readonly copyByHand: string;
  readonly necessary: CategoryText;
  readonly categories: Readonly<Record<OptionalCategory, CategoryText>>;
}
