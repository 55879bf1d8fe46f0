import type { Language } from './language.js';

/**
 * A date as the visitor reads it: Thai in the Buddhist era ("22 พ.ย. 2569"), English as
 * "22 Nov 2026". The record itself stays in UTC Gregorian; only the display changes.
 */
export function formatDate(iso: string, language: Language, timeZone?: string): string {
  const locale = language === 'th' ? 'th-TH-u-ca-buddhist' : language === 'en' ? 'en-GB' : language;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso));
}
