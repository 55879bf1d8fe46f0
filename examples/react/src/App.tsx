// A React 19 app with yinyom: the notice, analytics started only after consent, gated markup
// (an inline script and a video) that yinyom makes live once the visitor allows it, and a
// footer link and button that reopen the preferences. See README.md in examples/react.
import { useEffect, useState } from 'react';
import 'yinyom/define'; // registers <yinyom-consent> (browser only: see README for SSR)
import type {} from 'yinyom/jsx'; // types <yinyom-consent> in JSX; once per project is enough
import { onConsent, showPreferences } from 'yinyom';

function startAnalytics(): void {
  // e.g. load gtag.js or Matomo here. It runs at most once per page view: withdrawing
  // consent later reloads the page (reload-on-withdrawal), which unloads it.
  console.info('analytics allowed');
}

// Gated markup, rendered by React and made live by yinyom. React 19 renders <script> from
// JSX but never runs a script it created on the client; type="text/plain" keeps the browser
// from running it too. Once "analytics" is allowed, yinyom runs it by inserting a live copy
// right after it, leaving React's node in place; once "marketing" is, it moves the frame's
// data-src to src (until then it shows a placeholder just before the frame). Both sit in one
// wrapping element that React adds and removes as a whole, so what yinyom put beside them
// comes and goes with them.
function GatedContent() {
  return (
    <section>
      <script type="text/plain" data-consent="analytics">
        {`console.info('gated inline script: analytics allowed');`}
      </script>
      <iframe
        data-consent="marketing"
        data-src="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"
        width="560"
        height="315"
        title="วิดีโอจาก YouTube"
      />
    </section>
  );
}

export default function App() {
  // Calls back once "analytics" is granted: at once if the visitor already allowed it,
  // otherwise after the choice that allows it. The returned function cancels the wait,
  // which is what React needs on unmount. In development StrictMode runs the effect twice, and
  // with consent already given both runs call back: startAnalytics must be idempotent.
  useEffect(() => onConsent('analytics', startAnalytics), []);
  const [showVideo, setShowVideo] = useState(true);

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
      <main>
        {/* … the page … */}
        <button type="button" onClick={() => setShowVideo((shown) => !shown)}>
          {showVideo ? 'ซ่อนวิดีโอ' : 'แสดงวิดีโอ'}
        </button>
        {showVideo && <GatedContent />}
      </main>
      <footer>
        {/* Either works. The link needs no code of yours: yinyom opens the preferences on a
            click on any element with data-yinyom-open, wherever and whenever it is rendered. */}
        <a href="#" data-yinyom-open>
          ตั้งค่าคุกกี้
        </a>
        <button type="button" onClick={() => void showPreferences()}>
          ตั้งค่าคุกกี้
        </button>
      </footer>
    </>
  );
}
