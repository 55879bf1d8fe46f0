import type { Language } from './language.js';

/**
 * A date as the visitor reads it: Thai in the Buddhist era ("22 พ.ย. 2569"), English as
 * "22 Nov 2026". The record itself stays in UTC Gregorian; only the display changes.
 * `Intl` is a global another script can break (or an old engine lack a locale): the
 * preferences are the only way to withdraw, so then the date is written by hand
 * ("22/11/2569", "22/11/2026") rather than keep them from opening.
 */
export function formatDate(iso: string, language: Language, timeZone?: string): string {
  const locale = language === 'th' ? 'th-TH-u-ca-buddhist' : language === 'en' ? 'en-GB' : language;
  try {
    return new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone,
    }).format(new Date(iso));
  } catch {
    const date = new Date(iso);
    return `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear() + (language === 'th' ? 543 : 0)}`;
  }
}
