/**
 * Whether `key` is the object's own property. Every lookup by a name that comes from
 * outside (a category, an attribute) goes through here: another script may have added
 * `analytics: true` to `Object.prototype`, and a plain `object[key]` would find it.
 */
export function own(object: object | null | undefined, key: PropertyKey): boolean {
  return object != null && Object.prototype.hasOwnProperty.call(object, key);
}

/** The own value of `key`, or undefined: never one inherited from a polluted prototype. */
export function ownValue<T>(object: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return own(object, key) ? object![key] : undefined;
}

/**
 * A copy of an options bag with no prototype: reading an option the caller left out gives
 * undefined, never a value another script put on `Object.prototype`.
 */
export function ownOptions<T extends object>(options: T | undefined): T {
  return Object.assign(Object.create(null) as T, options);
}
