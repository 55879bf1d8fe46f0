export interface CrossTab {
  /** Tell the other tabs the stored choice changed. */
  notify(): void;
  /** Stop listening and release resources (channel, listeners, timer). */
  close(): void;
}

export interface CrossTabOptions {
  /** The stored value, for the polling fallback (usually the consent cookie's raw value). */
  read?: () => string | undefined;
  /** Polling interval in ms. Default 1000. */
  pollMs?: number;
  /** Default: the current window. */
  win?: Window & typeof globalThis;
}

/**
 * Calls `onChange` in this tab when another tab calls notify() on a CrossTab with the same name
 * (never for this tab's own notify). Uses BroadcastChannel when available; otherwise falls back
 * to the `storage` event of localStorage (write a key `yinyom:<name>` with a fresh value); if
 * localStorage is unavailable too (throws, e.g. Safari private mode / sandboxed iframe), falls
 * back to polling `read()` every `pollMs` (default 1000) and calling onChange when its value
 * differs from the last seen. Never throws.
 */
export function crossTab(
  name: string,
  onChange: () => void,
  // globalThis.window rather than window: undefined instead of a ReferenceError outside browsers
  { read, pollMs = 1000, win = globalThis.window }: CrossTabOptions = {},
): CrossTab {
  const key = 'yinyom:' + name;
  let send = () => {};
  let stop = () => {};
  // Each step throws when its mechanism is missing or refused (`new undefined`, a SecurityError
  // from the localStorage getter, a QuotaExceededError from setItem), which selects the next.
  try {
    const ch = new win.BroadcastChannel(key);
    ch.onmessage = () => onChange();
    send = () => ch.postMessage(0);
    stop = () => ch.close();
  } catch {
    try {
      const ls = win.localStorage;
      // Probes writability (old Safari private mode reads fine but refuses writes) without
      // waking other tabs: an unchanged value fires no event, and '' is ignored below.
      ls.setItem(key, ls.getItem(key) || '');
      // The writing document gets no storage event, so this tab never hears its own notify.
      const onStorage = (event: StorageEvent) => {
        if (event.key === key && event.newValue) onChange();
      };
      win.addEventListener('storage', onStorage);
      send = () => ls.setItem(key, String(Math.random()));
      stop = () => win.removeEventListener('storage', onStorage);
    } catch {
      if (read) {
        let last: string | undefined;
        const get = () => {
          try {
            return read();
          } catch {
            return last;
          }
        };
        last = get();
        const timer = setInterval(() => {
          const v = get();
          if (v !== last) {
            last = v;
            onChange();
          }
        }, pollMs);
        // The caller has just written the value itself: remember it so this tab's poller
        // does not report its own change.
        send = () => {
          last = get();
        };
        stop = () => clearInterval(timer);
      }
    }
  }
  return {
    notify() {
      try {
        send();
      } catch {
        // a full quota or a closed channel: nothing better to do than stay quiet
      }
    },
    close() {
      try {
        stop();
      } catch {
        // the iframe's window may be gone; there is nothing left to release then
      }
      send = () => {};
      stop = () => {};
    },
  };
}
