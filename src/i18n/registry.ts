import { en } from '../../locales/en.js';
import { th } from '../../locales/th.js';
import type { Messages } from './messages.js';

// The languages the notice can speak. Module-level on purpose: a language is registered
// once for the whole page, like a font, before or after the element is defined.
const registry = new Map<string, Messages>([
  ['th', th],
  ['en', en],
]);

/**
 * Adds a language (or replaces a built-in one) from the npm build, e.g. Lao or Malay:
 * `registerLanguage('lo', lo)`. `messages` must be complete — a missing key is a type
 * error — so a visitor never meets a blank button. The code is the language's two- or
 * three-letter ISO 639 code. Elements already on the page re-render in it if it is theirs.
 * Fallback: an element uses the first of its `lang`, `<html lang>` and the browser's
 * languages that is registered, and Thai when none is.
 */
export function registerLanguage(code: string, messages: Messages): void {
  if (!/^[a-z]{2,3}$/.test(code)) {
    console.error(`yinyom: registerLanguage("${code}") needs a two- or three-letter lowercase language code such as "lo"; nothing was registered.`);
    return;
  }
  registry.set(code, messages);
  if (typeof document !== 'undefined') {
    for (const element of Array.from(document.querySelectorAll('yinyom-consent'))) (element as { requestUpdate?: () => void }).requestUpdate?.();
  }
}

/** Every language the notice can be shown in. */
export function knownLanguages(): string[] {
  return [...registry.keys()];
}

/** The texts for a language; Thai for one that is not known. */
export function messagesFor(language: string): Messages {
  return registry.get(language) ?? th;
}
