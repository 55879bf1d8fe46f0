// The root layout (a server component): the notice, the page, a footer link that reopens the
// preferences, and the analytics tags that wait for consent.
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConsentNotice } from './consent-notice';

export const metadata: Metadata = {
  title: 'yinyom + Next.js',
  description: 'A cookie-consent notice in a Next.js App Router site.',
};

// Google Analytics 4's inline set-up, run only once "analytics" is granted.
const GTAG_INIT =
  "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-XXXX');";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="th">
      <body>
        {/* First in <body>: the notice comes before the page in reading and tab order. */}
        <ConsentNotice />
        <nav>
          <Link href="/">หน้าแรก</Link> · <Link href="/privacy">นโยบายความเป็นส่วนตัว</Link>
        </nav>
        {children}
        <footer>
          {/* yinyom opens the preferences on a click on any element with data-yinyom-open.
              It catches the click before routers do, so href="#" never navigates. */}
          <a href="#" data-yinyom-open>
            ตั้งค่าคุกกี้
          </a>
        </footer>

        {/* Gated analytics: type="text/plain" keeps the browser from running them; once the
            visitor allows "analytics", yinyom inserts a live copy right after each one (the
            original stays where it is).

            Why here, as direct children of <body> in the root layout: React 19's hydration
            skips tags it did not render only directly inside <head> and <body>, so the copies
            yinyom adds here cannot upset it; the root layout stays mounted during client-side
            navigation, so each tag runs once per page load.

            Why not next/script: <Script type="text/plain" src="…"> makes Next add
            <link rel="preload"> for the src, and the browser fetches the tracker before any
            consent. Plain <script> tags only.

            Why no `async`: React 19 treats <script async src> as a resource and moves it into
            <head>. It is not needed: a script yinyom inserts never blocks the page.

            Why suppressHydrationWarning: for a returning visitor who allowed analytics, yinyom
            takes these tags (marks them, makes them run) as soon as it loads, which can be
            before React hydrates <body>. React would then log, in development only, that their
            attributes differ from the server HTML; this tells it that is expected. */}
        <script
          type="text/plain"
          data-consent="analytics"
          src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"
          suppressHydrationWarning
        />
        <script
          type="text/plain"
          data-consent="analytics"
          dangerouslySetInnerHTML={{ __html: GTAG_INIT }}
          suppressHydrationWarning
        />
      </body>
    </html>
  );
}
