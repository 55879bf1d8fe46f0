/** The categories a site may ask about. `necessary` is never asked: it is always on. */
export const OPTIONAL_CATEGORIES = ['functional', 'analytics', 'marketing'] as const;

export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];
export type Category = 'necessary' | OptionalCategory;

/** A visitor's answer per optional category; a missing key means "not granted". */
export type CategoryChoices = Partial<Record<OptionalCategory, boolean>>;

/** What `getConsent().categories` holds: `necessary` plus one boolean per category in use. */
export type CategoryStates = { necessary: true } & CategoryChoices;

export function isOptionalCategory(value: string): value is OptionalCategory {
  return (OPTIONAL_CATEGORIES as readonly string[]).includes(value);
}
