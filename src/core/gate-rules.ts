/**
 * What the gate may write, decided before it writes anything. Gated markup may be injected
 * or sanitised user content (HTML sanitisers keep `data-*` attributes), so the gate only
 * ever writes what the page could have written safely itself: a URL attribute that the
 * element needs, with an http(s) or relative URL as the browser itself parses it.
 */

import { isGranted, type ConsentRecord } from './consent-record.js';

/** Set on every gated element the gate has taken, so nothing is ever revived twice. */
export const GATE_STATE = 'data-yinyom-state';

const SCRIPTS = `script[type="text/plain"][data-consent]:not([${GATE_STATE}])`;
const EMBEDS = `[data-consent]:is([data-src],[data-srcset],[data-href]):not(script):not([${GATE_STATE}])`;
/** Gated markup the gate has yet to take. */
export const GATED_SELECTOR = `${SCRIPTS},${EMBEDS}`;

/** The tokens of a `data-consent` value. */
export const categoryTokens = (spec: string): string[] => spec.trim().split(/\s+/).filter(Boolean);

/**
 * `data-consent` names categories separated by spaces; all must be granted. A name with
 * `!` must be refused instead (for a cookieless alternative). Before any choice nothing
 * is allowed, not even `!x`: no answer is not a refusal.
 */
export function isAllowed(spec: string, consent: ConsentRecord | null): boolean {
  const tokens = categoryTokens(spec);
  if (!consent || tokens.length === 0) return false;
  return tokens.every((token) =>
    token.startsWith('!') ? !isGranted(consent, token.slice(1)) : isGranted(consent, token),
  );
}

/** The category a placeholder offers to allow: the first one the spec requires. */
export const embedCategory = (spec: string): string =>
  categoryTokens(spec).find((token) => token[0] !== '!') ?? 'marketing';

/** The attribute each element may receive from its `data-*` twin (README's list). */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  iframe: ['src'],
  img: ['src', 'srcset'],
  video: ['src'],
  audio: ['src'],
  source: ['src', 'srcset'],
  link: ['href'],
};

/** The gated twins the gate knows: `data-src`, `data-srcset`, `data-href`. */
export const GATED_URL_ATTRIBUTES = ['src', 'srcset', 'href'] as const;

/**
 * Whether a URL is http(s) once the browser's URL parser has read it against the page's
 * base. The parser, not a pattern, decides: it strips leading control characters and
 * spaces and drops tabs and newlines inside, so `" java\tscript:"` is caught as what it is.
 * Images may also take inline `data:image/…`, which cannot run script in an image.
 */
export function isSafeGatedUrl(value: string, base: string, image = false): boolean {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return false;
  }
  return /^https?:$/.test(url.protocol) || (image && url.protocol === 'data:' && /^image\//i.test(url.pathname));
}

/**
 * The URLs of a `srcset`, split exactly as the HTML srcset parser splits it: a URL runs to
 * the next white space (so a `data:` URL keeps its commas), then descriptors run to the
 * next comma outside brackets. Brackets do not nest: "1x((,)" ends at its ")", and a
 * candidate that follows it is a candidate to the browser, so it is one here too.
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  const space = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (space(value[i]) || value[i] === ',')) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !space(value[i])) i++;
    let url = value.slice(start, i);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      let inParens = false;
      for (; i < value.length; i++) {
        const c = value[i];
        if (inParens) inParens = c !== ')';
        else if (c === '(') inParens = true;
        else if (c === ',') {
          i++;
          break;
        }
      }
    }
    urls.push(url);
  }
  return urls;
}

/** A value as the console should show it: short, with hidden characters spelled out. */
export const quoted = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** What the gate will write on an element: `[attribute, value]` pairs, or why it refuses. */
export type EmbedPlan = { readonly write: ReadonlyArray<readonly [string, string]> } | { readonly refused: string };

/**
 * Plans the attributes an allowed embed gets. Refuses, with the reason a webmaster can act
 * on, an element the README does not list (an `<a>`, `<base>`, `<form>`, an SVG element…),
 * a twin the element does not take, a `<link>` that is not a stylesheet, and any URL that
 * is not http(s) or relative.
 */
export function planEmbed(element: Element, base: string): EmbedPlan {
  const tag = element.localName;
  const allowed = element.namespaceURI === 'http://www.w3.org/1999/xhtml' ? URL_ATTRIBUTES[tag] : undefined;
  const twins = GATED_URL_ATTRIBUTES.filter((name) => element.hasAttribute(`data-${name}`));
  if (!allowed) {
    return {
      refused: `yinyom only sets data-src, data-srcset or data-href on <iframe>, <img>, <video>, <audio>, <source> and <link rel="stylesheet">, not on <${tag}>`,
    };
  }
  const wrong = twins.find((name) => !allowed.includes(name));
  if (wrong) return { refused: `<${tag}> takes ${allowed.map((a) => `data-${a}`).join(' or ')}, not data-${wrong}` };
  // The browser's own split of rel (ASCII white space only); link types ignore case.
  if (
    tag === 'link' &&
    !Array.from((element as HTMLLinkElement).relList).some((token) => token.toLowerCase() === 'stylesheet')
  ) {
    return { refused: 'a gated <link> must be rel="stylesheet"' };
  }
  const image = tag === 'img' || (tag === 'source' && element.parentElement?.localName === 'picture');
  const write: Array<readonly [string, string]> = [];
  for (const name of twins) {
    const value = element.getAttribute(`data-${name}`)!;
    const urls = name === 'srcset' ? srcsetUrls(value) : [value];
    const bad = urls.find((url) => !isSafeGatedUrl(url, base, image));
    if (bad !== undefined) {
      return {
        refused: `data-${name} must be an http:, https: or relative URL${image ? ' (or data:image/…)' : ''}, not ${quoted(bad)}`,
      };
    }
    write.push([name, value]);
  }
  return { write };
}
