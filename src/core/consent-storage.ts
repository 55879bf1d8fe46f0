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

/**
 * For tests and for pages where cookies cannot be written: lives as long as the object.
 * `others` stand for copies on other paths or domains; a write removes them, as a cookie
 * write does the copies it can reach.
 */
export function memoryStorage(
  initial?: string,
  ...others: string[]
): ConsentStorage & { value: string | undefined; others: string[] } {
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
