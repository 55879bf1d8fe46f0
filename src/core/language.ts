export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `th-TH`, `TH`, `en_GB` → the supported language they name, or undefined. */
export function toLanguage(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : undefined;
}

/**
 * The contract's order: the element's `lang`, then `<html lang>`, then the browser's
 * languages, then Thai — the language of the sites this is first made for.
 */
export function resolveLanguage(candidates: ReadonlyArray<string | null | undefined>): Language {
  for (const candidate of candidates) {
    const language = toLanguage(candidate);
    if (language) return language;
  }
  return 'th';
}
