'use client';
// The notice. A client component because registering a custom element and listening for
// consent happen in the browser; the root layout renders it as the first child of <body>,
// so keyboard and screen-reader users meet the notice before the page.
import { useEffect } from 'react';
// Registers <yinyom-consent> (and <yinyom-placeholder>). Client components are also rendered
// on the server; there Lit's Node build supplies a stand-in `customElements`, so this import
// does not crash `next build` or server rendering: the element simply upgrades in the browser.
import 'yinyom/define';
// Types <yinyom-consent> in JSX (React 19 checks custom elements like any other tag). Types
// only, nothing at run time; once per project is enough.
import type {} from 'yinyom/jsx';
import { onConsent } from 'yinyom';

let analyticsStarted = false;

function startAnalytics(): void {
  // Code of your own that needs consent. (gtag.js itself is a gated <script> in layout.tsx.)
  // Guarded, because the effect below may run twice: React's StrictMode (on by default in the
  // App Router, in development) mounts twice, and when consent is already given onConsent
  // calls back at once, both times. Withdrawing consent reloads the page
  // (reload-on-withdrawal), which unloads whatever this started.
  if (analyticsStarted) return;
  analyticsStarted = true;
  console.info('yinyom example: analytics allowed');
}

export function ConsentNotice() {
  // onConsent calls back once "analytics" is granted: at once if the visitor already allowed
  // it, otherwise after the choice that allows it. It returns the function that cancels the
  // wait, which is exactly the cleanup useEffect wants.
  useEffect(() => onConsent('analytics', startAnalytics), []);

  // Attributes are kebab-case, as in HTML; React 19 passes them through to the element.
  return <yinyom-consent lang="th" policy-url="/privacy" org="เทศบาลตัวอย่าง" categories="analytics marketing" />;
}
