import type { ConsentConfig } from '../core/config.js';
import type { Messages } from './messages.js';

/**
 * The notice's wording as the visitor was shown it, one text per line in a fixed order:
 * the language, the banner, the buttons, the preferences and each category in use, and the
 * traffic-log statement. A receipt carries its SHA-256, so that a site can tell which
 * version of its notice a visitor saw (README, "Receipts").
 */
export function noticeWording(m: Messages, config: ConsentConfig, language: string): string {
  return [
    language,
    m.bannerTitle,
    m.bannerText(config.org),
    m.policyLink,
    config.policyUrl ?? '',
    m.acceptAll,
    m.rejectAll,
    m.choose,
    m.preferencesTitle,
    m.preferencesIntro,
    m.necessary.title,
    m.necessary.description,
    ...config.categories.flatMap((category) => [m.categories[category].title, m.categories[category].description]),
    m.trafficLogs,
  ].join('\n');
}
