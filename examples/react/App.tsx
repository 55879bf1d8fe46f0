// A React 19 app with yinyom: the notice, analytics started only after consent, and a
// footer link that reopens the preferences. See README.md next to this file.
import { useEffect } from 'react';
import 'yinyom/define'; // registers <yinyom-consent> (browser only: see README for SSR)
import type {} from 'yinyom/jsx'; // types <yinyom-consent> in JSX; once per project is enough
import { onConsent, showPreferences } from 'yinyom';

function startAnalytics(): void {
  // e.g. load gtag.js or Matomo here. It runs at most once per page view: withdrawing
  // consent later reloads the page (reload-on-withdrawal), which unloads it.
  console.info('analytics allowed');
}

export default function App() {
  // Calls back once "analytics" is granted: at once if the visitor already allowed it,
  // otherwise after the choice that allows it. The returned function cancels the wait,
  // which is what React needs on unmount (and in StrictMode's double effect run).
  useEffect(() => onConsent('analytics', startAnalytics), []);

  return (
    <>
      <yinyom-consent
        lang="th"
        policy-url="/privacy"
        org="สำนักงานเขตดอนเมือง"
        categories="analytics marketing"
        theme="auto"
        no-settings-button
      />
      <main>{/* … the page … */}</main>
      <footer>
        <button type="button" onClick={() => void showPreferences()}>
          ตั้งค่าคุกกี้
        </button>
      </footer>
    </>
  );
}
