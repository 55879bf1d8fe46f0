/**
 * Calls back once the page has loaded and the browser is idle. A framework that renders on
 * the server (Next.js, Nuxt, Angular SSR) hydrates its markup after it loads: React compares
 * the server's DOM with its own first render, and a node inserted before that — a
 * placeholder beside a frame — is a mismatch that React answers by rendering the whole tree
 * again on the client, running the page's scripts a second time. While React hydrates, its
 * scheduler keeps the task queue busy in slices of about 5 ms, so an idle callback comes
 * after it. The timeout keeps a page that is never idle from waiting for ever.
 */
export function whenSettled(callback: () => void, win: Window = window): void {
  const idle = () => {
    const request = (win as Window & { requestIdleCallback?: Window['requestIdleCallback'] }).requestIdleCallback;
    if (typeof request === 'function') request.call(win, () => callback(), { timeout: TIMEOUT });
    else quietTasks(callback);
  };
  if (win.document.readyState === 'complete') idle();
  else win.addEventListener('load', idle, { once: true });
}

const TIMEOUT = 3000;

/**
 * Without requestIdleCallback (WebKit): idle is when a message posted to ourselves comes
 * back at once, twice in a row — no other task (a scheduler's slice of hydration) ran in
 * between.
 */
function quietTasks(callback: () => void): void {
  const started = performance.now();
  let quiet = 0;
  const { port1, port2 } = new MessageChannel();
  let sent = 0;
  port1.onmessage = () => {
    const now = performance.now();
    quiet = now - sent < 2 ? quiet + 1 : 0;
    if (quiet >= 2 || now - started > TIMEOUT) {
      port1.close();
      callback();
      return;
    }
    sent = performance.now();
    port2.postMessage(0);
  };
  sent = performance.now();
  port2.postMessage(0);
}
