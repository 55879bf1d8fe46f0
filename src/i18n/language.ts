export const LANGUAGES = ['th', 'en'] as const;
export type BuiltInLanguage = (typeof LANGUAGES)[number];
/** A language code: Thai and English are built in; `registerLanguage()` adds others. */
export type Language = BuiltInLanguage | (string & {});

/** `th-TH`, `TH`, `en_GB` → the supported language they name, or undefined. */
export function toLanguage(tag: string | null | undefined, known: readonly string[] = LANGUAGES): Language | undefined {
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
  known: readonly string[] = LANGUAGES,
): Language {
  for (const candidate of candidates) {
    const language = toLanguage(candidate, known);
    if (language) return language;
  }
  return 'th';
}
