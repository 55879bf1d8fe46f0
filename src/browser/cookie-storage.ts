import Cookies from 'js-cookie';
import type { ConsentStorage } from '../core/consent-storage.js';
import { ownOptions } from '../internal/own.js';
import { domainCandidates } from './cookie-domains.js';

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
