import Cookies from 'js-cookie';
import { domainCandidates } from '../browser/cookie-cleaner.js';
import { ownOptions } from '../internal/own.js';

/**
 * Where the encoded record lives. The store never touches `document.cookie` directly.
 * Every method may throw where the browser refuses cookies (a sandboxed frame, a blocker):
 * the store turns that into one console message and a choice for this page view.
 */
export interface ConsentStorage {
  /**
   * Every value stored under the exact name. A page can see several: copies on longer
   * paths, or on a parent domain (set by a sibling site, or under another cookie-domain).
   */
  readAll(): string[];
  /**
   * Stores the value and removes every other copy it can reach. Returns false when the
   * value did not stick (cookies disabled, a refused domain…).
   */
  write(value: string, expiresDays: number): boolean;
  remove(): void;
}

export interface CookieStorageOptions {
  readonly name: string;
  readonly domain?: string;
  /** Defaults to whether the page is served over https. */
  readonly secure?: boolean;
}

/**
 * The values of the cookies named exactly `name` in a `document.cookie` string. The name
 * is compared as it stands: no decoding, so `yinyo%6D` is another cookie, and no object
 * used as a map, so `constructor` or `__proto__` are names like any other.
 */
export function cookieValues(jar: string, name: string): string[] {
  const values: string[] = [];
  for (const pair of jar.split(';')) {
    const eq = pair.indexOf('=');
    if (eq >= 0 && pair.slice(0, eq).trim() === name) values.push(pair.slice(eq + 1).trim());
  }
  return values;
}

/**
 * js-cookie copies its attributes with `for…in`, which also walks keys another script may
 * have added to `Object.prototype` (a `domain` or `path` of its choosing). Naming each such
 * key as an own, empty attribute makes js-cookie skip it.
 */
function shadowInherited(attributes: Record<string, unknown>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const key in own) if (key !== '__proto__') own[key] = undefined;
  return Object.assign(own, attributes);
}

/** The paths a copy visible on this page can have been set with: `/`, `/a`, `/a/`, `/a/b`… */
function pathCandidates(pathname: string): string[] {
  const paths = ['/'];
  let path = '';
  for (const segment of pathname.split('/').filter(Boolean).slice(0, 10)) {
    path += `/${segment}`;
    paths.push(path, `${path}/`);
  }
  return paths;
}

/** The contract's cookie: first-party, `Path=/`, `SameSite=Lax`, `Secure` on https. */
export function cookieStorage(options: CookieStorageOptions): ConsentStorage {
  const { name, domain, secure } = ownOptions(options);
  // The value is written and read as it is: the record holds only characters a cookie
  // allows, and anything else in the jar must reach the record parser (and its warning).
  const jar = Cookies.withConverter({ read: (value: string) => value, write: (value: string) => value });
  const attributes = (extra: Record<string, unknown>) =>
    shadowInherited({ path: '/', sameSite: 'Lax', secure: secure ?? location.protocol === 'https:', domain, ...extra });
  const readAll = () => cookieValues(document.cookie, name);
  // What js-cookie's remove() does, without the attribute literal of its own that would
  // bring Object.prototype's keys back in.
  const remove = (extra: Record<string, unknown> = {}) => jar.set(name, '', attributes({ ...extra, expires: -1 }));
  // Stale or foreign copies: expire every one this page can reach.
  const sweep = () => {
    for (const path of pathCandidates(location.pathname)) {
      for (const host of [undefined, ...domainCandidates(location.hostname)]) remove({ path, domain: host });
    }
  };
  return {
    readAll,
    write(value, expiresDays) {
      const set = () => jar.set(name, value, attributes({ expires: expiresDays }));
      set();
      let values = readAll();
      if (values.length > 1 || values[0] !== value) {
        sweep();
        set();
        values = readAll();
      }
      return values.includes(value);
    },
    remove() {
      remove();
      if (readAll().length) sweep();
    },
  };
}

/**
 * For tests and for pages where cookies cannot be written: lives as long as the object.
 * `others` stand for copies on other paths or domains; a write removes them, as a cookie
 * write does the copies it can reach.
 */
export function memoryStorage(initial?: string, ...others: string[]): ConsentStorage & { value: string | undefined; others: string[] } {
  return {
    value: initial,
    others,
    readAll() {
      return [...(this.value === undefined ? [] : [this.value]), ...this.others];
    },
    write(value) {
      this.value = value;
      this.others = [];
      return true;
    },
    remove() {
      this.value = undefined;
    },
  };
}
