import type { OptionalCategory } from '../core/categories.js';
import { ownValue } from '../internal/own.js';
import { domainCandidates } from './cookie-domains.js';

/**
 * Cookies the common tools leave behind. Blocking a script stops new cookies but not old
 * ones, so withdrawing consent must also remove these (PDPA s.19: withdrawing is as easy,
 * and as effective, as giving). Exact names are anchored at both ends so `_ga` never
 * catches an unrelated `_gax`.
 */
export const TRACKER_COOKIES: Readonly<Partial<Record<OptionalCategory, readonly RegExp[]>>> = {
  // Google Analytics, then Matomo
  analytics: [/^_ga$/, /^_ga_/, /^_gid$/, /^_gat/, /^_pk_/, /^mtm_/],
  // Google Ads, then Meta
  marketing: [/^_gcl_/, /^_fbp$/, /^_fbc$/],
};

// A cookie name can never hold these, so an entry containing one is a typo, not a name.
const INVALID_NAME = /[=;,\x00-\x1f\x7f]/;

/**
 * Parses a site's own list, e.g. `"_hj* my_cookie"`. `*` alone (or `**`) is refused: it
 * would wipe every cookie the site has, session and login included.
 */
export function cookiePatterns(list: string): RegExp[] {
  return String(list ?? '')
    .split(/\s+/)
    .filter((entry) => entry && !INVALID_NAME.test(entry) && /[^*]/.test(entry))
    .map((entry) => new RegExp(`^${entry.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
}

const EXPIRE = '=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/';

/**
 * Expires every visible cookie matching a pattern. `document.cookie` does not say which
 * Domain a cookie was set with, so every candidate (with and without the legacy leading
 * dot) is tried; writes that match nothing are no-ops. Only `Path=/` is tried: the tools
 * above all set their cookies there.
 */
export function clearCookies(
  patterns: readonly RegExp[],
  options: { doc?: Document; hostname?: string; keep?: string } = {},
): string[] {
  const cleared: string[] = [];
  try {
    const doc = options.doc ?? document;
    // reading `cookie` throws in sandboxed frames; nothing to clear there anyway
    const jar = String(doc.cookie ?? '');
    const domains = domainCandidates(options.hostname ?? doc.location?.hostname ?? '');
    for (const pair of jar.split(/;\s*/)) {
      const eq = pair.indexOf('=');
      const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
      if (!name || name === options.keep || cleared.includes(name)) continue;
      if (!patterns.some((pattern) => pattern.test(name))) continue;
      cleared.push(name);
      const expire = name + EXPIRE;
      for (const attributes of ['', ...domains.flatMap((d) => [`; Domain=${d}`, `; Domain=.${d}`])]) {
        try {
          doc.cookie = expire + attributes;
        } catch {
          // one refused write must not stop the others
        }
      }
    }
  } catch {
    // withdrawal must still complete when cookies are unavailable
  }
  return cleared;
}

/**
 * Expires the cookies of withdrawn categories: the trackers' known ones, and those the site
 * lists for each (`clear-cookies`, its cookie tables). The consent cookie `keep` stays.
 */
export function clearWithdrawn(
  withdrawn: ReadonlyArray<readonly [category: OptionalCategory, names: readonly string[]]>,
  options: { doc?: Document; keep?: string } = {},
): string[] {
  return clearCookies(
    withdrawn.flatMap(([category, names]) => [
      ...(ownValue(TRACKER_COOKIES, category) ?? []),
      ...cookiePatterns(names.join(' ')),
    ]),
    options,
  );
}
