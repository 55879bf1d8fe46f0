import { isOptionalCategory, OPTIONAL_CATEGORIES, type OptionalCategory } from '../core/categories.js';
import { PREFERENCE_KEYS, type ArrivedMessages, type CategoryText, type Messages } from './messages.js';
import { ownValue } from '../internal/own.js';

/**
 * A site's own wording for one language. Every key is optional; texts that take values
 * (`bannerText`, `receipt`…) may be given as strings with `{org}`, `{id}`… in them.
 */
export type MessageOverride = {
  [K in keyof Messages]?: Messages[K] extends (...args: never[]) => string
    ? string | Messages[K]
    : Messages[K] extends CategoryText
      ? Partial<CategoryText>
      : Messages[K] extends Readonly<Record<OptionalCategory, CategoryText>>
        ? Partial<Record<OptionalCategory, Partial<CategoryText>>>
        : Messages[K];
};

/** Text in one language, or per language: `"2 ปี"` or `{ "th": "2 ปี", "en": "2 years" }`. */
export type LocalText = string | Readonly<Record<string, string>>;

/** One cookie a site declares, shown in the preferences and deleted on withdrawal. */
export interface CookieInfo {
  readonly name: string;
  readonly provider?: string;
  readonly purpose?: LocalText;
  readonly lifetime?: LocalText;
}

/** What a site may say in `<script type="application/json" data-yinyom-texts>` or the `texts` property. */
export interface SiteTexts {
  /** Wording per language: `{ "th": { "bannerTitle": "…" }, "en": { … } }`. */
  readonly messages?: Readonly<Record<string, MessageOverride>>;
  /** The cookies each category sets. */
  readonly cookies?: Readonly<Partial<Record<'necessary' | OptionalCategory, readonly CookieInfo[]>>>;
}

/** The values each parameterised text takes, by name, in order. */
const TOKENS: Readonly<Record<string, readonly string[]>> = {
  bannerText: ['org'],
  placeholder: ['provider', 'category'],
  allowCategory: ['category'],
  receipt: ['id', 'date'],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isLocalText = (value: unknown) =>
  typeof value === 'string' || (isRecord(value) && Object.values(value).every((v) => typeof v === 'string'));

/**
 * Reads and checks a site's texts. Never throws: what is wrong is reported with where it is
 * and what would be right, and left out — the built-in text stays in its place.
 */
export function parseSiteTexts(input: unknown, reference: ArrivedMessages): { texts: SiteTexts; problems: string[] } {
  const problems: string[] = [];
  const where = 'yinyom: in the site texts (<script type="application/json" data-yinyom-texts> or the texts property),';
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (error) {
      return {
        texts: {},
        problems: [
          `${where} the JSON is not valid (${(error as Error).message}). Fix it; the built-in texts are used meanwhile.`,
        ],
      };
    }
  }
  if (!isRecord(data))
    return { texts: {}, problems: [`${where} expected an object like {"messages": {…}, "cookies": {…}}.`] };
  const messages: Record<string, MessageOverride> = {};
  const cookies: Partial<Record<'necessary' | OptionalCategory, CookieInfo[]>> = {};
  for (const key of Object.keys(data)) {
    if (key !== 'messages' && key !== 'cookies')
      problems.push(`${where} "${key}" is not known; use "messages" and "cookies".`);
  }
  if (data.messages !== undefined) {
    if (!isRecord(data.messages))
      problems.push(`${where} "messages" must be an object keyed by language, like {"th": {…}}.`);
    else {
      for (const [language, override] of Object.entries(data.messages)) {
        if (!/^[a-z]{2,3}$/.test(language) || !isRecord(override)) {
          problems.push(
            `${where} messages."${language}" must be a language code such as "th" holding an object of texts.`,
          );
          continue;
        }
        messages[language] = checkOverride(override, reference, `${where} messages.${language}`, problems);
      }
    }
  }
  if (data.cookies !== undefined) {
    if (!isRecord(data.cookies)) problems.push(`${where} "cookies" must be an object keyed by category.`);
    else {
      for (const [category, list] of Object.entries(data.cookies)) {
        if (category !== 'necessary' && !isOptionalCategory(category)) {
          problems.push(
            `${where} cookies."${category}" is not a category; use "necessary", ${OPTIONAL_CATEGORIES.map((c) => `"${c}"`).join(', ')}.`,
          );
          continue;
        }
        if (!Array.isArray(list)) {
          problems.push(`${where} cookies.${category} must be a list of {"name", "provider", "purpose", "lifetime"}.`);
          continue;
        }
        cookies[category] = list.filter((cookie, i) => {
          const ok =
            isRecord(cookie) &&
            typeof cookie.name === 'string' &&
            cookie.name !== '' &&
            (cookie.provider === undefined || typeof cookie.provider === 'string') &&
            (cookie.purpose === undefined || isLocalText(cookie.purpose)) &&
            (cookie.lifetime === undefined || isLocalText(cookie.lifetime));
          if (!ok)
            problems.push(
              `${where} cookies.${category}[${i}] needs a "name" and text for "provider", "purpose", "lifetime"; it was left out.`,
            );
          return ok;
        }) as CookieInfo[];
      }
    }
  }
  return { texts: { messages, cookies }, problems };
}

/**
 * Keeps the keys the reference has (and the preferences' keys, whose texts may not have
 * arrived yet), with values of the right kind; reports the rest.
 */
function checkOverride(
  override: Record<string, unknown>,
  reference: ArrivedMessages,
  path: string,
  problems: string[],
): MessageOverride {
  const checked: Record<string, unknown> = {};
  const ref = reference as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(override)) {
    if (!Object.prototype.hasOwnProperty.call(ref, key) && !(PREFERENCE_KEYS as readonly string[]).includes(key)) {
      problems.push(
        `${path} has "${key}", which is not a text yinyom shows; known ones include ${Object.keys(ref)
          .slice(0, 6)
          .map((k) => `"${k}"`)
          .join(', ')}….`,
      );
    } else if (key === 'categories') {
      if (!isRecord(value)) problems.push(`${path}.categories must be an object keyed by category.`);
      else {
        const categories: Record<string, Partial<CategoryText>> = {};
        for (const [category, text] of Object.entries(value)) {
          if (isOptionalCategory(category))
            categories[category] = categoryText(text, `${path}.categories.${category}`, problems);
          else problems.push(`${path}.categories."${category}" is not an optional category.`);
        }
        checked[key] = categories;
      }
    } else if (key === 'necessary') checked[key] = categoryText(value, `${path}.${key}`, problems);
    else if (typeof value === 'string') checked[key] = value;
    else problems.push(`${path}.${key} must be a string.`);
  }
  return checked;
}

function categoryText(value: unknown, path: string, problems: string[]): Partial<CategoryText> {
  const text: { title?: string; description?: string } = {};
  if (!isRecord(value)) problems.push(`${path} must be {"title": "…", "description": "…"}.`);
  else {
    for (const key of ['title', 'description'] as const) {
      if (typeof value[key] === 'string') text[key] = value[key];
      else if (value[key] !== undefined) problems.push(`${path}.${key} must be a string.`);
    }
  }
  return text;
}

/**
 * The built-in texts with a site's wording laid over them: as complete as `base`, since only
 * the keys `base` has are laid over (the others wait for their texts to arrive).
 */
export function applyOverride<T extends ArrivedMessages>(base: T, override: MessageOverride | undefined): T {
  if (!override) return base;
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined || !Object.prototype.hasOwnProperty.call(base, key)) continue;
    const original = (base as unknown as Record<string, unknown>)[key];
    if (typeof original === 'function' && typeof value === 'string') {
      const names = ownValue(TOKENS, key) ?? [];
      merged[key] = (...args: unknown[]) =>
        value.replace(/\{(\w+)\}/g, (token, name: string) =>
          names.includes(name) ? String((args[names.indexOf(name)] as string | undefined) ?? '') : token,
        );
    } else if (key === 'categories') {
      merged[key] = Object.fromEntries(
        OPTIONAL_CATEGORIES.map((c) => [
          c,
          { ...base.categories?.[c], ...ownValue(value as Record<string, Partial<CategoryText>>, c) },
        ]),
      );
    } else if (key === 'necessary') merged[key] = { ...base.necessary, ...(value as Partial<CategoryText>) };
    else merged[key] = value;
  }
  return merged as unknown as T;
}

/** A text given per language, read in one: that language, else Thai, else English, else any. */
export function localText(text: LocalText | undefined, language: string): string {
  if (text === undefined || typeof text === 'string') return text ?? '';
  return ownValue(text, language) ?? ownValue(text, 'th') ?? ownValue(text, 'en') ?? Object.values(text)[0] ?? '';
}
