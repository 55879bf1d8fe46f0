// The npm entry: exports only. Importing it registers nothing and touches no DOM, so it is
// safe on a server; import 'yinyom/define' to register <yinyom-consent>.
export { YinyomConsent } from './components/consent/yinyom-consent.component.js';
export { YinyomPlaceholder } from './components/placeholder/yinyom-placeholder.component.js';
export { acceptAll, getConsent, hasConsent, onConsent, rejectAll, reset, save, showPreferences } from './page-api.js';
export { YinyomChangeEvent, type YinyomChangeDetail } from './events/yinyom-change.js';
export { YinyomReadyEvent, type YinyomReadyDetail } from './events/yinyom-ready.js';
export { YinyomAllowEvent, type YinyomAllowDetail } from './events/yinyom-allow.js';
export { YinyomLoadOnceEvent } from './events/yinyom-load-once.js';
export { OPTIONAL_CATEGORIES } from './core/categories.js';
export type { Category, CategoryChoices, CategoryStates, OptionalCategory } from './core/categories.js';
export type { ConsentMethod, ConsentRecord } from './core/consent-record.js';
export type { ConsentChange } from './core/consent-store.js';
export type { ConsentConfig, OnOff, Position, Theme } from './core/config.js';
export type { Language } from './i18n/language.js';
export type { BannerMessages, CategoryText, Messages, PreferenceMessages } from './i18n/messages.js';
export { registerLanguage } from './i18n/registry.js';
export type { CookieInfo, LocalText, MessageOverride, SiteTexts } from './i18n/site-texts.js';
