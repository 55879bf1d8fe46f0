import type { CategoryChoices } from './core/categories.js';
import { isGranted, type ConsentRecord } from './core/consent-record.js';

/** What the API needs of the element; duck-typed so two copies of the library still meet. */
interface ConsentElement extends HTMLElement {
  getConsent(): ConsentRecord | null;
  hasConsent(category: string): boolean;
  acceptAll(): ConsentRecord;
  rejectAll(): ConsentRecord;
  save(choices: CategoryChoices): ConsentRecord;
  showPreferences(): Promise<void>;
  reset(): void;
}

// The page's element is the single source of truth: the API keeps no state of its own.
function findElement(): ConsentElement | null {
  if (typeof document === 'undefined') return null;
  const element = document.querySelector('yinyom-consent') as ConsentElement | null;
  return element && typeof element.getConsent === 'function' ? element : null;
}

function withElement<T>(method: string, act: (element: ConsentElement) => T): T | null {
  const element = findElement();
  if (element) return act(element);
  console.error(
    `yinyom: ${method}() found no <yinyom-consent> on this page. Load dist/yinyom.min.js ` +
      `(it adds the element) or import 'yinyom/define' and add <yinyom-consent> before calling it.`,
  );
  return null;
}

/** The standing choice, or null before the visitor has chosen. */
export function getConsent(): ConsentRecord | null {
  return findElement()?.getConsent() ?? null;
}

/** Whether a category is granted now. `necessary` always is. */
export function hasConsent(category: string): boolean {
  return findElement()?.hasConsent(category) ?? category === 'necessary';
}

/**
 * Calls back once `category` is granted: at once if it already is, otherwise after the
 * choice that grants it. Returns a function that cancels the wait.
 */
export function onConsent(category: string, callback: (consent: ConsentRecord | null) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  let waiting = true;
  const stop = () => {
    waiting = false;
    window.removeEventListener('yinyom-ready', check);
    window.removeEventListener('yinyom-change', check);
  };
  // Events only say "look again": the element is asked, never the event's detail, so a
  // yinyom-change that another script dispatches on window grants nothing.
  function check() {
    const consent = getConsent();
    if (!waiting || !(category === 'necessary' || isGranted(consent, category))) return;
    stop();
    try {
      callback(consent);
    } catch (error) {
      console.error(`yinyom: an onConsent('${category}') callback threw:`, error);
    }
  }
  window.addEventListener('yinyom-ready', check);
  window.addEventListener('yinyom-change', check);
  check();
  return stop;
}

/** Grants every category in use. */
export function acceptAll(): ConsentRecord | null {
  return withElement('acceptAll', (element) => element.acceptAll());
}

/** Refuses every optional category. */
export function rejectAll(): ConsentRecord | null {
  return withElement('rejectAll', (element) => element.rejectAll());
}

/** Stores a choice per category, e.g. `save({ analytics: true })`; categories left out are refused. */
export function save(choices: CategoryChoices): ConsentRecord | null {
  return withElement('save', (element) => element.save(choices));
}

/** Opens the preferences dialog (loaded on first use; when it cannot be, the banner stands in). */
export function showPreferences(): Promise<void> {
  return withElement('showPreferences', (element) => element.showPreferences()) ?? Promise.resolve();
}

/** Forgets the stored choice and asks again. */
export function reset(): void {
  withElement('reset', (element) => element.reset());
}
