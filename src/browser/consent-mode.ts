import { isGranted, type ConsentRecord } from '../core/consent-record.js';

export type ConsentModeType =
  | 'ad_storage'
  | 'analytics_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';
export type ConsentModeState = Record<ConsentModeType, 'granted' | 'denied'>;

type DataLayer = ArrayLike<unknown> & { push(...items: unknown[]): unknown };

/**
 * The signals for a record (null = no choice yet = everything optional denied). Mapping:
 * analytics → analytics_storage; marketing → ad_storage, ad_user_data, ad_personalization;
 * functional → functionality_storage and personalization_storage; security_storage always granted.
 */
export function consentModeState(record: ConsentRecord | null): ConsentModeState {
  const signal = (category: string): 'granted' | 'denied' => (isGranted(record, category) ? 'granted' : 'denied');
  const marketing = signal('marketing');
  const functional = signal('functional');
  return {
    ad_storage: marketing,
    analytics_storage: signal('analytics'),
    ad_user_data: marketing,
    ad_personalization: marketing,
    functionality_storage: functional,
    personalization_storage: functional,
    // Security storage (login, fraud prevention) is strictly necessary: never ours to refuse.
    security_storage: 'granted',
  };
}

// gtag.js only runs dataLayer entries that are Arguments objects, which is why its snippet is
// `function gtag(){dataLayer.push(arguments)}`: the same items pushed as an array are ignored.
function gtagArgs(..._: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params -- the Arguments object itself is the point
  return arguments;
}

const isArguments = (entry: unknown): entry is IArguments =>
  Object.prototype.toString.call(entry) === '[object Arguments]';

// A region-scoped default (`region: ['ES']`) is meant to sit beside a global one, so only a
// global default stops ours.
const isGlobalDefault = (entry: unknown): boolean =>
  isArguments(entry) &&
  entry[0] === 'consent' &&
  entry[1] === 'default' &&
  !(entry[2] as { region?: unknown } | undefined)?.region;

/**
 * Pushes one command into `win.dataLayer`, creating it if missing, as the gtag snippet does
 * (so tags loaded later still find our signals). `dataLayer` belongs to the page and its
 * other scripts: when it is not an array, is frozen, or throws, the signals are not sent and
 * the console says why — the notice goes on either way. Replacing the page's value could
 * break whatever put it there.
 */
function push(win: Window, make: (dataLayer: DataLayer) => IArguments | undefined): boolean {
  try {
    const w = win as unknown as { dataLayer?: unknown };
    const dataLayer = (w.dataLayer ??= []) as DataLayer;
    if (typeof dataLayer.push !== 'function' || typeof dataLayer.length !== 'number') {
      console.error('yinyom: window.dataLayer is not an array; Consent Mode signals were not sent.');
      return false;
    }
    const command = make(dataLayer);
    if (command) dataLayer.push(command);
    return !!command;
  } catch (error) {
    console.error(
      'yinyom: window.dataLayer could not take the Consent Mode signals (another script made it read-only or broke it); they were not sent.',
      error,
    );
    return false;
  }
}

/**
 * Pushes `consent default` (everything optional denied; `wait_for_update` ms if given) into
 * `win.dataLayer`, creating it if missing. Does nothing if a global consent default is already
 * there, from another copy of yinyom or from the page, so defaults never stack.
 * Returns whether it pushed.
 */
export function pushConsentDefault(win: Window, options?: { waitForUpdate?: number }): boolean {
  return push(win, (dataLayer) => {
    if (Array.prototype.some.call(dataLayer, isGlobalDefault)) return undefined;
    const state: Record<string, unknown> = consentModeState(null);
    if (options?.waitForUpdate) state.wait_for_update = options.waitForUpdate;
    return gtagArgs('consent', 'default', state);
  });
}

/** Pushes `consent update` with `consentModeState(record)` into `win.dataLayer` (null: all optional denied, as after a reset). */
export function pushConsentUpdate(win: Window, record: ConsentRecord | null): void {
  push(win, () => gtagArgs('consent', 'update', consentModeState(record)));
}
