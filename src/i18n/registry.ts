import { enBanner } from '../../locales/en.js';
import { thBanner } from '../../locales/th.js';
import { isComplete, type ArrivedMessages, type Messages, type PreferenceMessages } from './messages.js';

/** The page's languages and who to tell when one is added. */
interface LanguageRegistry {
  /** A built-in language holds its banner texts until the second file brings the rest. */
  readonly messages: Map<string, ArrivedMessages>;
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
    messages: new Map<string, ArrivedMessages>([
      ['th', thBanner],
      ['en', enBanner],
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

/**
 * The rest of the built-in languages' texts, brought by the second file (extra.ts). A
 * language registered whole in the meantime keeps its own texts.
 */
export function completeLanguages(rest: Readonly<Record<string, PreferenceMessages>>): void {
  const { messages: languages, listeners } = registry();
  let added = false;
  for (const [code, more] of Object.entries(rest)) {
    const arrived = languages.get(code);
    if (arrived && !isComplete(arrived)) {
      languages.set(code, { ...arrived, ...more });
      added = true;
    }
  }
  if (added) for (const listener of [...listeners]) listener();
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

/**
 * The texts for a language, Thai for one that is not known: as far as they have arrived
 * (isComplete() tells).
 */
export function messagesFor(language: string): ArrivedMessages {
  return registry().messages.get(language) ?? registry().messages.get('th') ?? thBanner;
}
