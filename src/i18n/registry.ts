import { en } from '../../locales/en.js';
import { th } from '../../locales/th.js';
import type { Messages } from './messages.js';

/** The page's languages and who to tell when one is added. */
interface LanguageRegistry {
  readonly messages: Map<string, Messages>;
  readonly listeners: Set<() => void>;
}

// One registry per page, like a font: kept on the global object under a registered symbol so
// that two copies of yinyom (the script-tag build and an npm build) read the same languages
// whichever copy defined the element.
const KEY = Symbol.for('yinyom.languages');

function registry(): LanguageRegistry {
  const global = globalThis as typeof globalThis & { [KEY]?: LanguageRegistry };
  const found = global[KEY];
  // Anything else under the key (another script's mistake) is replaced, never trusted.
  if (found?.messages instanceof Map && found.listeners instanceof Set) return found;
  const fresh: LanguageRegistry = {
    messages: new Map([
      ['th', th],
      ['en', en],
    ]),
    listeners: new Set(),
  };
  try {
    Object.defineProperty(global, KEY, { value: fresh, configurable: true });
  } catch {
    // a frozen global object: this copy keeps its own registry
  }
  return fresh;
}

/**
 * Adds a language (or replaces a built-in one) from the npm build, e.g. Lao or Malay:
 * `registerLanguage('lo', lo)`. `messages` must be complete — a missing key is a type
 * error — so a visitor never meets a blank button. The code is the language's two- or
 * three-letter ISO 639 code. Elements and placeholders already on the page re-render in it
 * if it is theirs. Fallback: an element uses the first of its `lang`, `<html lang>` and the
 * browser's languages that is registered, and Thai when none is.
 */
export function registerLanguage(code: string, messages: Messages): void {
  if (!/^[a-z]{2,3}$/.test(code)) {
    console.error(
      `yinyom: registerLanguage("${code}") needs a two- or three-letter lowercase language code such as "lo"; nothing was registered.`,
    );
    return;
  }
  const { messages: languages, listeners } = registry();
  languages.set(code, messages);
  for (const listener of [...listeners]) listener();
}

/** Calls back after every registerLanguage(); returns the function that stops it. */
export function onLanguagesChange(listener: () => void): () => void {
  const { listeners } = registry();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every language the notice can be shown in. */
export function knownLanguages(): string[] {
  return [...registry().messages.keys()];
}

/** The texts for a language; Thai for one that is not known. */
export function messagesFor(language: string): Messages {
  return registry().messages.get(language) ?? registry().messages.get('th') ?? th;
}
