import Cookies from 'js-cookie';

/** Where the encoded record lives. The store never touches `document.cookie` directly. */
export interface ConsentStorage {
  read(): string | undefined;
  /** Returns false when the value did not stick (cookies disabled, a refused domain…). */
  write(value: string, expiresDays: number): boolean;
  remove(): void;
}

export interface CookieStorageOptions {
  readonly name: string;
  readonly domain?: string;
  /** Defaults to whether the page is served over https. */
  readonly secure?: boolean;
}

/** The contract's cookie: first-party, `Path=/`, `SameSite=Lax`, `Secure` on https. */
export function cookieStorage({ name, domain, secure }: CookieStorageOptions): ConsentStorage {
  // The raw converter hands back exactly what is in the jar, so a value with broken
  // percent-encoding reaches the record parser (and its warning) instead of vanishing.
  const jar = Cookies.withConverter({ read: (value: string) => value }).withAttributes({
    path: '/',
    sameSite: 'Lax',
    secure: secure ?? location.protocol === 'https:',
    ...(domain ? { domain } : {}),
  });
  return {
    read: () => jar.get(name),
    write(value, expiresDays) {
      jar.set(name, value, { expires: expiresDays });
      return jar.get(name) === value;
    },
    remove: () => jar.remove(name),
  };
}

/** For tests and for pages where cookies cannot be written: lives as long as the object. */
export function memoryStorage(initial?: string): ConsentStorage & { value: string | undefined } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    write(value) {
      this.value = value;
      return true;
    },
    remove() {
      this.value = undefined;
    },
  };
}
