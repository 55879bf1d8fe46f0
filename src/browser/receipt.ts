import type { ConsentRecord } from '../core/consent-record.js';

/** Where a choice was made: the banner, the preferences, a placeholder's "allow", or the page's script. */
export type ReceiptSource = 'banner' | 'preferences' | 'placeholder' | 'api';
/** What a choice was: the first on this browser, a change, one that withdraws a category, or reset(). */
export type ReceiptEvent = 'first' | 'change' | 'withdrawal' | 'reset';

/** What the site's endpoint receives after each choice: the record and its context, nothing about the device. */
export interface ConsentReceipt extends ConsentRecord {
  /** The page the choice was made on, without its query or fragment. */
  readonly page: string;
  readonly policyUrl?: string;
  readonly source: ReceiptSource;
  readonly event: ReceiptEvent;
  /** `sha256-` and the base64url SHA-256 of the notice's wording as shown (notice-wording.ts). */
  readonly noticeDigest?: string;
}

export interface ReceiptTransport {
  readonly sendBeacon?: (url: string, data: BodyInit) => boolean;
  readonly fetch?: typeof fetch;
}

/**
 * Posts a receipt as JSON, fire-and-forget: the visitor never waits for it and a failure is
 * reported once, never retried. Sent as text/plain so that a cross-origin endpoint needs no
 * CORS preflight (sendBeacon cannot answer one); the body is JSON all the same.
 */
export function sendReceipt(
  url: string,
  receipt: ConsentReceipt,
  transport: ReceiptTransport = {
    sendBeacon: globalThis.navigator?.sendBeacon?.bind(navigator),
    fetch: globalThis.fetch?.bind(globalThis),
  },
  log: Pick<Console, 'error'> = console,
): boolean {
  const body = JSON.stringify(receipt);
  const fail = (error?: unknown) =>
    log.error(`yinyom: the consent receipt could not be sent to log-url "${url}".`, error ?? '');
  try {
    if (transport.sendBeacon?.(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return true;
    if (!transport.fetch) {
      fail();
      return false;
    }
    transport
      .fetch(url, {
        method: 'POST',
        body,
        keepalive: true,
        credentials: 'omit',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      })
      .then((response) => {
        // An opaque response (no-cors) cannot say whether it worked: only a refusal is reported.
        if (!response.ok && response.type !== 'opaque') fail(response.status);
      }, fail);
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** The page a receipt names: origin and path only, since a query string may hold personal data. */
export function receiptPage(location: Pick<Location, 'origin' | 'pathname'>): string {
  return location.origin + location.pathname;
}
