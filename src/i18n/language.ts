/** A language code: Thai and English are built in; `registerLanguage()` adds others. */
export type Language = 'th' | 'en' | (string & {});

/** `th-TH`, `TH`, `en_GB` → the known language they name, or undefined. */
export function toLanguage(tag: string | null | undefined, known: readonly string[]): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return known.includes(primary) ? primary : undefined;
}

/**
 * The contract's order: the element's `lang`, then `<html lang>`, then the browser's
 * languages, then Thai — the language of the sites this is first made for. A language
 * counts only if its texts are known (built in or registered).
 */
export function resolveLanguage(
  candidates: ReadonlyArray<string | null | undefined>,
  known: readonly string[],
): Language {
  for (const candidate of candidates) {
    const language = toLanguage(candidate, known);
    if (language) return language;
  }
  return 'th';
}

/** The browser's languages; none when another script broke `navigator.languages`. */
export function browserLanguages(): string[] {
  try {
    return [...navigator.languages, navigator.language];
  } catch {
    return [];
  }
}
