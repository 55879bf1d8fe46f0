import type { OptionalCategory } from '../core/categories.js';

/** One category's name and what it is for. */
export interface CategoryText {
  readonly title: string;
  readonly description: string;
}

/**
 * The texts of the banner and the settings button: what a first visit shows. They come with
 * the first file; the rest (PreferenceMessages) with the second, when first needed.
 */
export interface BannerMessages {
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
  /** Said in the status region after a choice. */
  readonly saved: string;
  readonly settingsButton: string;
  /** Shown in the banner when the preferences could not be loaded (a file missing, offline). */
  readonly preferencesUnavailable: string;
  /** Closes the preferences, or the banner standing in for them, without a choice. */
  readonly close: string;
}

/** The texts of the preferences, the placeholders and the receipt. */
export interface PreferenceMessages {
  readonly preferencesTitle: string;
  readonly preferencesIntro: string;
  /** The traffic-log statement: a fact about the server, not a choice. */
  readonly trafficLogs: string;
  readonly alwaysOn: string;
  readonly save: string;
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

/**
 * Every string the notice shows. Each locale is typed against this, so a missing key is a
 * type error, not a blank button in production.
 */
export interface Messages extends BannerMessages, PreferenceMessages {}

/**
 * The names of PreferenceMessages, for checking a site's wording before those texts have
 * arrived. `satisfies` and the check below keep the list and the interface one.
 */
export const PREFERENCE_KEYS = [
  'preferencesTitle',
  'preferencesIntro',
  'trafficLogs',
  'alwaysOn',
  'save',
  'gpc',
  'placeholder',
  'loadOnce',
  'cookieList',
  'cookieName',
  'provider',
  'purpose',
  'lifetime',
  'allowCategory',
  'receipt',
  'copyReceipt',
  'copied',
  'copyByHand',
  'necessary',
  'categories',
] as const satisfies ReadonlyArray<keyof PreferenceMessages>;
// A key added to PreferenceMessages and not to the list above fails to compile here.
type Listed<Unlisted extends never> = Unlisted;
export type UnlistedPreferenceKey = Listed<Exclude<keyof PreferenceMessages, (typeof PREFERENCE_KEYS)[number]>>;

/** A language's texts as far as they have arrived: a built-in one lacks its preferences at first. */
export type ArrivedMessages = BannerMessages & Partial<PreferenceMessages>;

/** Whether every text is here (the second file has arrived, or the language was registered whole). */
export const isComplete = (messages: ArrivedMessages): messages is Messages => messages.categories !== undefined;
