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
 * yinyom's own nonce; else the first one the page's head declares: the bundlers'
 * `<meta property="csp-nonce" nonce="…">` (as Vite writes it) for the npm build, or the
 * nonce of a head script (a loader that inserted yinyom without passing its nonce on).
 * Only the head is read: markup injected into the body cannot name the nonce.
 */
export function pageNonce(doc: Document = document): string | undefined {
  if (own) return own;
  for (const element of Array.from(
    doc.head?.querySelectorAll<HTMLElement>('meta[property="csp-nonce"], script') ?? [],
  )) {
    const nonce = element.nonce || (element.localName === 'meta' ? element.getAttribute('content') : '');
    if (nonce) return nonce;
  }
  return undefined;
}
