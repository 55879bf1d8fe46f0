'use client';
// Renders its children only once React has hydrated the page.
//
// Why: yinyom puts a placeholder next to a gated <iframe> and hides the frame as soon as the
// element upgrades, which is before React hydrates the page. A frame that was in the server
// HTML then no longer matches what React expects, hydration fails, and React throws the
// server HTML away and renders the page again on the client (React error #418). Added after
// hydration, the frame is found by yinyom's MutationObserver and gets its placeholder then,
// and React never compares it with anything. (Gated <script> tags need no such wrapper: they
// sit directly in <body>, where React 19's hydration skips what it did not render.)
import { useEffect, useState, type ReactNode } from 'react';

export function AfterHydration({ children }: { children: ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated ? children : null;
}
