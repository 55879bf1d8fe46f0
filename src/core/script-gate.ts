import { isGranted, type ConsentRecord } from './consent-record.js';

/** Set on every gated element the gate has taken, so nothing is ever revived twice. */
export const GATE_STATE = 'data-yinyom-state';

const SCRIPTS = `script[type="text/plain"][data-consent]:not([${GATE_STATE}])`;
const EMBEDS = `[data-consent]:is([data-src],[data-srcset],[data-href]):not(script):not([${GATE_STATE}])`;
const GATED_SELECTOR = `${SCRIPTS},${EMBEDS}`;

// Attributes that only mean something to the gate: the revived script must not carry them.
const GATE_ONLY = new Set(['type', 'data-type', 'data-consent', GATE_STATE]);

/**
 * Trackers that must never run before consent, by where they load from: an ungated one
 * is a webmaster's mistake worth one console warning. Category is the one to gate it by.
 */
const TRACKERS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/googletagmanager\.com\/(gtag\/js|gtm\.js)|google-analytics\.com\//, 'Google Analytics / Tag Manager', 'analytics'],
  [/connect\.facebook\.net\/|facebook\.com\/tr/, 'Meta pixel', 'marketing'],
  [/\/(matomo|piwik)\.js|cdn\.matomo\.cloud\//, 'Matomo', 'analytics'],
  [/static\.hotjar\.com\//, 'Hotjar', 'analytics'],
  [/analytics\.tiktok\.com\//, 'TikTok pixel', 'marketing'],
  [/clarity\.ms\//, 'Microsoft Clarity', 'analytics'],
  [/(youtube(-nocookie)?\.com\/embed|player\.vimeo\.com|google\.[a-z.]+\/maps\/embed|facebook\.com\/plugins)/, 'embedded content', 'marketing'],
];

/** What a tracker-looking URL is, or undefined. */
export function knownTracker(url: string): readonly [name: string, category: string] | undefined {
  const found = TRACKERS.find(([pattern]) => pattern.test(url));
  return found && [found[1], found[2]];
}

/**
 * `data-consent` names categories separated by spaces; all must be granted. A name with
 * `!` must be refused instead (for a cookieless alternative). Before any choice nothing
 * is allowed, not even `!x`: no answer is not a refusal.
 */
export function isAllowed(spec: string, consent: ConsentRecord | null): boolean {
  const tokens = spec.trim().split(/\s+/).filter(Boolean);
  if (!consent || tokens.length === 0) return false;
  return tokens.every((token) =>
    token.startsWith('!') ? !isGranted(consent, token.slice(1)) : isGranted(consent, token),
  );
}

export interface ScriptGateOptions {
  readonly root?: Document;
  readonly log?: Pick<Console, 'warn' | 'error'>;
  /** Called for each gated element that stays blocked after a pass (placeholders hook in here). */
  readonly blocked?: (element: HTMLElement) => void;
  /** Called when an element goes live (to remove its placeholder). */
  readonly live?: (element: HTMLElement) => void;
}

/**
 * Makes gated markup live once the choice allows it: scripts in document order, each
 * external one loaded (or failed) before the next runs, every element at most once.
 * Consent is read afresh before each element, so a withdrawal mid-chain stops the rest.
 * Markup added later (a route change, an AJAX fragment) is seen by one MutationObserver.
 */
export class ScriptGate {
  /** Categories whose gated markup has run on this page: a withdrawal cannot undo them. */
  readonly ran = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly root: Document;
  private readonly log: Pick<Console, 'warn' | 'error'>;
  private readonly warned = new WeakSet<Element>();
  private observer?: MutationObserver;

  constructor(
    private readonly consent: () => ConsentRecord | null,
    private readonly options: ScriptGateOptions = {},
  ) {
    this.root = options.root ?? document;
    this.log = options.log ?? console;
  }

  /** Schedules a pass over the document; resolves when every allowed element has run. */
  apply(): Promise<void> {
    this.queue = this.queue.then(() => this.pass());
    return this.queue;
  }

  /** Watches for gated (and ungated tracker) markup added later; one observer, no polling. */
  observe(): void {
    this.observer ??= new MutationObserver((records) => {
      const added = records.some((record) =>
        Array.from(record.addedNodes).some(
          (node) => node instanceof Element && (node.matches(`${GATED_SELECTOR},script[src],iframe[src]`) || node.querySelector(GATED_SELECTOR)),
        ),
      );
      if (added) void this.apply();
    });
    this.observer.observe(this.root, { childList: true, subtree: true });
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Makes one element live whatever the choice: the visitor's "load this one only". */
  activate(element: HTMLElement): Promise<void> {
    this.queue = this.queue.then(() => this.run(element));
    return this.queue;
  }

  private async pass(): Promise<void> {
    // Gated markup below the element is not parsed yet while the document is loading.
    if (this.root.readyState === 'loading') {
      await new Promise((resolve) => this.root.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    this.warnUngated();
    for (const element of Array.from(this.root.querySelectorAll<HTMLElement>(GATED_SELECTOR))) {
      // Another gate (a second element, a re-created one) may have taken it meanwhile.
      if (element.hasAttribute(GATE_STATE) || !element.isConnected) continue;
      const spec = element.getAttribute('data-consent') ?? '';
      if (!isAllowed(spec, this.consent())) {
        this.options.blocked?.(element);
        continue;
      }
      for (const token of spec.split(/\s+/)) if (token && token[0] !== '!') this.ran.add(token);
      await this.run(element);
    }
  }

  private async run(element: HTMLElement): Promise<void> {
    if (element.hasAttribute(GATE_STATE)) return;
    element.setAttribute(GATE_STATE, 'done');
    this.options.live?.(element);
    if (element instanceof HTMLScriptElement) return this.revive(element);
    for (const name of ['src', 'srcset', 'href']) {
      const value = element.getAttribute(`data-${name}`);
      if (value !== null) element.setAttribute(name, value);
    }
    // <video>/<audio> pick up a new src only when told to.
    if (element instanceof HTMLMediaElement) element.load();
  }

  private revive(original: HTMLScriptElement): Promise<void> {
    // After the page has loaded, document.write() would replace the whole page.
    if (!original.hasAttribute('src') && /document\s*\.\s*write(ln)?\s*\(/.test(original.text)) {
      original.setAttribute(GATE_STATE, 'refused');
      this.log.error(
        'yinyom: a gated inline script calls document.write(), which would erase the page once it has loaded; it was not run. ' +
          'Load the tool with its asynchronous snippet instead.',
        original,
      );
      return Promise.resolve();
    }
    const script = this.root.createElement('script');
    for (const { name, value } of Array.from(original.attributes)) {
      if (!GATE_ONLY.has(name)) script.setAttribute(name, value);
    }
    const type = original.getAttribute('data-type');
    if (type) script.type = type;
    // Browsers hide the nonce attribute after parsing; only the property still has it.
    if (original.nonce) script.nonce = original.nonce;
    script.setAttribute('data-consent', original.getAttribute('data-consent')!);
    script.setAttribute(GATE_STATE, 'done');
    if (!original.hasAttribute('src')) {
      script.text = original.text;
      original.replaceWith(script);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener(
        'error',
        () => {
          this.log.error(`yinyom: the gated script ${script.src} failed to load; the next gated script runs anyway.`);
          resolve();
        },
        { once: true },
      );
      original.replaceWith(script);
    });
  }

  /** One warning per tracker script or frame that runs without being gated, before its consent. */
  private warnUngated(): void {
    for (const element of Array.from(this.root.querySelectorAll<HTMLScriptElement | HTMLIFrameElement>('script[src],iframe[src]'))) {
      if (this.warned.has(element) || element.hasAttribute(GATE_STATE) || element.hasAttribute('data-consent')) continue;
      if (element instanceof HTMLScriptElement && element.type && !/^(text\/javascript|module|application\/javascript)$/i.test(element.type)) continue;
      const tracker = knownTracker(element.getAttribute('src')!);
      // Once its category is granted, a tracker is allowed to be there — including the one
      // a revived snippet inserts itself (gtag.js, fbevents.js).
      if (!tracker || isGranted(this.consent(), tracker[1])) continue;
      this.warned.add(element);
      const [name, category] = tracker;
      const tag = element.localName;
      this.log.warn(
        `yinyom: this <${tag}> loads ${name} without consent:`,
        element,
        tag === 'script'
          ? `Gate it: <script type="text/plain" data-consent="${category}" src="…">.`
          : `Gate it: <iframe data-consent="${category}" data-src="…">.`,
      );
    }
  }
}
