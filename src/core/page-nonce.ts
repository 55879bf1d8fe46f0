/**
 * The nonce yinyom runs under. When the page's Content-Security-Policy trusts scripts by
 * nonce, a gated script is only as trusted as its original: one without that nonce (markup
 * injected into the page) must stay inert, even where 'strict-dynamic' would let a script
 * that yinyom inserts run.
 */
let own: string | undefined;

/** Remembers the nonce of yinyom's own `<script>` tag (read while the script-tag build first runs). */
export function setOwnNonce(nonce: string | undefined): void {
  own = nonce || undefined;
}

/**
 * yinyom's own nonce, or — for the npm build, which has no script tag of its own — the one
 * the page declares in its head as bundlers do (`<meta property="csp-nonce" nonce="…">`,
 * as Vite writes it). Only the head is read: markup injected into the body cannot name it.
 */
export function pageNonce(doc: Document = document): string | undefined {
  if (own) return own;
  const meta = doc.head?.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta ? meta.nonce || meta.getAttribute('content') || undefined : undefined;
}
