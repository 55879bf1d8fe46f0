/**
 * Global Privacy Control as the browser sends it: `true`, or the string "1" that some
 * browsers and extensions set (the value of the Sec-GPC header). A getter that throws, or
 * anything else, is no signal.
 */
export function globalPrivacyControl(nav: Navigator | undefined = globalThis.navigator): boolean {
  try {
    const signal: unknown = (nav as (Navigator & { globalPrivacyControl?: unknown }) | undefined)?.globalPrivacyControl;
    return signal === true || signal === '1';
  } catch {
    return false;
  }
}
