import { OPTIONAL_CATEGORIES } from '../core/categories.js';
import { Companions } from './companions.js';
import { isGranted, type ConsentRecord } from '../core/consent-record.js';
import { isSafeGatedUrl, planEmbed, quoted } from '../core/gate-rules.js';
import { ownOptions } from '../internal/own.js';
import { pageNonce } from './page-nonce.js';
import { trustedScript, trustedScriptUrl } from './trusted-types.js';

/** Set on every gated element the gate has taken, so nothing is ever revived twice. */
export const GATE_STATE = 'data-yinyom-state';

const SCRIPTS = `script[type="text/plain"][data-consent]:not([${GATE_STATE}])`;
const EMBEDS = `[data-consent]:is([data-src],[data-srcset],[data-href]):not(script):not([${GATE_STATE}])`;
const GATED_SELECTOR = `${SCRIPTS},${EMBEDS}`;

// Attributes that only mean something to the gate: the revived script must not carry them.
// `src` is copied on its own, as a Trusted Types value.
const GATE_ONLY = new Set(['type', 'data-type', 'data-consent', GATE_STATE, 'src']);

/** Links that make the browser fetch a URL ahead of its use, before any choice (next/script adds one). */
const FETCHED_AHEAD = 'link[href]:is([rel~="preload" i],[rel~="modulepreload" i],[rel~="prefetch" i])';

/** Elements that carry `data-consent` but are live already: they ran or loaded before any choice. */
const LIVE_BUT_MARKED = `script[data-consent]:not([${GATE_STATE}]),iframe[data-consent][src]:not([${GATE_STATE}])`;

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
  const tokens = categoryTokens(spec);
  if (!consent || tokens.length === 0) return false;
  return tokens.every((token) =>
    token.startsWith('!') ? !isGranted(consent, token.slice(1)) : isGranted(consent, token),
  );
}

/** The tokens of a `data-consent` value. */
const categoryTokens = (spec: string) => spec.trim().split(/\s+/).filter(Boolean);

export interface ScriptGateOptions {
  readonly root?: Document;
  readonly log?: Pick<Console, 'warn' | 'error'>;
  /** Called for each gated element that stays blocked after a pass (placeholders hook in here). */
  readonly blocked?: (element: HTMLElement) => void;
  /** Called when an element goes live (to remove its placeholder). */
  readonly live?: (element: HTMLElement) => void;
  /** The optional categories the site asks about (all, until it knows): `data-consent` naming another is a mistake. */
  readonly categories?: () => readonly string[] | undefined;
  /** The nonce scripts are trusted by; by default yinyom's own (see page-nonce.ts). */
  readonly nonce?: () => string | undefined;
}

/**
 * Makes gated markup live once the choice allows it: scripts in document order, each
 * external one loaded (or failed) before the next runs, every element at most once.
 * Consent is read afresh before each element, so a withdrawal mid-chain stops the rest.
 * Markup added later (a route change, an AJAX fragment) is seen by one MutationObserver.
 *
 * Every gated element may be injected or sanitised user content: before anything is made
 * live, gate-rules.ts decides what may be written, a script must carry the page's nonce,
 * and a refused element gets one console error and stays exactly as it was.
 *
 * The page's nodes are the page's. A framework (React, Vue, a client router) keeps its own
 * record of the nodes it rendered and will later move or remove them: had the gate replaced
 * a gated script by a live one, React's next removeChild() would throw and unmount the
 * app. So the gate never replaces, moves or removes a node it did not create. It marks a
 * gated element it has taken (GATE_STATE), sets the attributes that make an embed load,
 * and puts a live script right after its inert original, tied to it (companions.ts): when
 * the page removes or moves the original, the live copy goes or follows.
 */
export class ScriptGate {
  /** Categories whose gated markup has run on this page: a withdrawal cannot undo them. */
  readonly ran = new Set<string>();
  /** What yinyom added beside the page's nodes: live scripts here, placeholders by the element. */
  readonly companions = new Companions();
  private queue: Promise<void> = Promise.resolve();
  private readonly root: Document;
  private readonly log: Pick<Console, 'warn' | 'error'>;
  /** Elements already reported (a warning or a mistake): one message each. */
  private readonly reported = new WeakSet<Element>();
  /** Elements the gate will never make live, each reported once when refused. */
  private readonly refused = new WeakSet<Element>();
  private observer?: MutationObserver;
  private readonly options: ScriptGateOptions;

  constructor(
    private readonly consent: () => ConsentRecord | null,
    settings: ScriptGateOptions = {},
  ) {
    this.options = ownOptions(settings);
    this.root = this.options.root ?? document;
    this.log = this.options.log ?? console;
  }

  /** Schedules a pass over the document; resolves when every allowed element has run. */
  apply(): Promise<void> {
    return this.enqueue(() => this.pass());
  }

  /** Makes one element live whatever the choice: the visitor's "load this one only". */
  activate(element: HTMLElement): Promise<void> {
    return this.enqueue(() => this.run(element));
  }

  /** Watches for gated (and ungated tracker) markup added later; one observer, no polling. */
  observe(): void {
    this.observer ??= new MutationObserver((records) => {
      // Whatever changed, yinyom's own nodes keep to the page's nodes they stand for.
      this.companions.follow();
      const added = records.some((record) =>
        Array.from(record.addedNodes).some(
          (node) =>
            node instanceof Element &&
            (node.matches(`${GATED_SELECTOR},script[src],iframe[src],${FETCHED_AHEAD}`) || node.querySelector(GATED_SELECTOR)),
        ),
      );
      if (added) void this.apply();
    });
    this.observer.observe(this.root, { childList: true, subtree: true });
    // Nothing was watched while the element was away (a router moving it swaps the page).
    this.companions.follow();
    this.root.addEventListener('securitypolicyviolation', this.onViolation);
  }

  /** Whether observe() is in force (the element is connected and serves the page). */
  get observing(): boolean {
    return this.observer !== undefined;
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.root.removeEventListener('securitypolicyviolation', this.onViolation);
  }

  /**
   * One failure (a broken element, a page script's getter that throws) must not reject the
   * queue for good: every later pass still runs.
   */
  private enqueue(job: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(job).catch((error) => this.log.error('yinyom: a pass over the gated markup failed; the next one will try again.', error));
    return this.queue;
  }

  private async pass(): Promise<void> {
    // Gated markup below the element is not parsed yet while the document is loading.
    if (this.root.readyState === 'loading') {
      await new Promise((resolve) => this.root.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    this.lint();
    for (const element of Array.from(this.root.querySelectorAll<HTMLElement>(GATED_SELECTOR))) {
      // Another gate (a second element, a re-created one) may have taken it meanwhile.
      if (element.hasAttribute(GATE_STATE) || this.refused.has(element) || !element.isConnected) continue;
      try {
        const spec = element.getAttribute('data-consent') ?? '';
        // Checked before consent: a refused frame gets no placeholder offering to load it.
        if (this.refusal(element) || !isAllowed(spec, this.consent())) {
          if (!this.refused.has(element)) this.options.blocked?.(element);
          continue;
        }
        for (const token of categoryTokens(spec)) if (token[0] !== '!') this.ran.add(token);
        await this.run(element);
      } catch (error) {
        this.log.error('yinyom: this gated element could not be made live; the others go on.', element, error);
      }
    }
  }

  /** Makes one checked element live. Never for a refused one, whoever asks. */
  private async run(element: HTMLElement): Promise<void> {
    if (element.hasAttribute(GATE_STATE) || this.refusal(element)) return;
    element.setAttribute(GATE_STATE, 'done');
    this.options.live?.(element);
    if (element instanceof HTMLScriptElement) return this.revive(element);
    const plan = planEmbed(element, this.root.baseURI);
    for (const [name, value] of 'write' in plan ? plan.write : []) element.setAttribute(name, value);
    // <video>/<audio> pick up a new src only when told to.
    if (element instanceof HTMLMediaElement) element.load();
  }

  /**
   * Whether an element must never be made live; says why once, on the console. Scripts are
   * checked here, embeds by gate-rules.ts.
   */
  private refusal(element: HTMLElement): boolean {
    if (this.refused.has(element)) return true;
    const reason = element.localName === 'script' ? this.scriptRefusal(element) : refusalOf(planEmbed(element, this.root.baseURI));
    if (!reason) return false;
    this.refused.add(element);
    this.log.error(`yinyom: this gated <${element.localName}> stays inert: ${reason}.`, element);
    return true;
  }

  private scriptRefusal(script: HTMLElement): string | undefined {
    if (!(script instanceof HTMLScriptElement)) return 'only HTML <script> elements are revived, not SVG ones';
    const nonce = (this.options.nonce ?? (() => pageNonce(this.root)))();
    // Under 'strict-dynamic' any script yinyom inserts would run: only the page's own may.
    if (nonce && script.nonce !== nonce) {
      return "yinyom runs under a CSP nonce and this script does not carry it, so it may have been injected. Add the page's nonce: <script type=\"text/plain\" data-consent=\"…\" nonce=\"…\">";
    }
    const src = script.getAttribute('src');
    if (src !== null && !isSafeGatedUrl(src, this.root.baseURI)) return `src must be an http:, https: or relative URL, not ${quoted(src)}`;
    const type = script.getAttribute('data-type');
    if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) return `data-type may only be "module", not ${quoted(type)}`;
    // The obsolete language attribute still decides, without a type, whether a script runs.
    const language = script.getAttribute('language');
    if (language && !type && !/^(javascript|ecmascript|jscript|livescript)(1\.[0-5])?$/i.test(language)) {
      return `language=${quoted(language)} is not JavaScript, so the browser would not run it. Remove the language attribute`;
    }
    // After the page has loaded, document.write() would replace the whole page.
    if (src === null && /document\s*\.\s*write(ln)?\s*\(/.test(script.text)) {
      return 'it calls document.write(), which would erase the page once it has loaded. Load the tool with its asynchronous snippet instead';
    }
    return undefined;
  }

  private revive(original: HTMLScriptElement): Promise<void> {
    // Scripts the browser skips without a load or error event would stall the chain: a
    // nomodule fallback (this browser has modules: it runs Lit), and a classic script whose
    // legacy for/event attributes name anything but window's onload.
    const classic = !/^module$/i.test(original.getAttribute('data-type') ?? '');
    const forEvent = original.hasAttribute('for') && original.hasAttribute('event');
    if (
      classic &&
      (original.noModule ||
        (forEvent && !(/^\s*window\s*$/i.test(original.htmlFor) && /^\s*onload(\(\))?\s*$/i.test(original.event))))
    ) {
      return Promise.resolve();
    }
    const script = this.root.createElement('script');
    const handlers: string[] = [];
    for (const { name, value } of Array.from(original.attributes)) {
      if (/^on/i.test(name)) handlers.push(name);
      else if (!GATE_ONLY.has(name)) script.setAttribute(name, value);
    }
    if (handlers.length) {
      this.log.error(
        `yinyom: ${handlers.join(', ')} on this gated <script> was not copied to the live script: an inline event handler is script that no nonce covers. ` +
          'Put that code in a gated inline script after this one.',
        original,
      );
    }
    const type = original.getAttribute('data-type');
    if (type) script.type = type;
    // Browsers hide the nonce attribute after parsing; only the property still has it.
    if (original.nonce) script.nonce = original.nonce;
    script.setAttribute('data-consent', original.getAttribute('data-consent')!);
    script.setAttribute(GATE_STATE, 'done');
    // Astro's client router runs, after each navigation, every script in the page it has not
    // marked as run: unmarked, this live copy would run a second time.
    script.setAttribute('data-astro-exec', '');
    const src = original.getAttribute('src');
    if (src === null) {
      script.text = trustedScript(original.text, this.log);
      this.companions.tie(original, script, 'after');
      return Promise.resolve();
    }
    script.setAttribute('src', trustedScriptUrl(src, this.log));
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
      this.companions.tie(original, script, 'after');
    });
  }

  /** A revived script the page's own policy blocked: say which and how to let it run. */
  private readonly onViolation = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof HTMLScriptElement) || target.getAttribute(GATE_STATE) !== 'done') return;
    this.report(
      target,
      'error',
      `yinyom: the page's Content-Security-Policy (${(event as SecurityPolicyViolationEvent).violatedDirective}) blocked this gated script. ` +
        "Give it the page's nonce (nonce=\"…\"), or allow its host in script-src.",
    );
  };

  /** One message per element, whatever the number of passes. */
  private report(element: Element, level: 'warn' | 'error', ...message: unknown[]): void {
    if (this.reported.has(element)) return;
    this.reported.add(element);
    this.log[level](message[0], element, ...message.slice(1));
  }

  /** The webmaster's mistakes the markup shows: each reported once, with the fix. */
  private lint(): void {
    const inUse = this.options.categories?.() ?? OPTIONAL_CATEGORIES;
    for (const element of Array.from(this.root.querySelectorAll<HTMLElement>(GATED_SELECTOR))) {
      if (this.reported.has(element) || element.hasAttribute(GATE_STATE)) continue;
      const spec = element.getAttribute('data-consent')!;
      const tokens = categoryTokens(spec);
      const wrong = tokens.find((token) => !inUse.includes(token.replace(/^!/, '')) && token !== 'necessary');
      if (!tokens.length || wrong) {
        const name = wrong?.replace(/^!/, '');
        this.report(
          element,
          'error',
          `yinyom: data-consent="${spec}" ` +
            (!wrong
              ? 'names no category, so this element never runs.'
              : (OPTIONAL_CATEGORIES as readonly string[]).includes(name!)
                ? `names "${name}", which this site does not ask about (categories="${inUse.join(' ')}"). Add it to the categories attribute.`
                : `names "${name}", which is not a category. Use ${OPTIONAL_CATEGORIES.map((c) => `"${c}"`).join(', ')}.`),
        );
      }
    }
    for (const element of Array.from(this.root.querySelectorAll<HTMLElement>(LIVE_BUT_MARKED))) {
      if (this.reported.has(element)) continue;
      if (element instanceof HTMLScriptElement) {
        // A data-consent script whose type the browser runs already ran before any choice.
        if (element.type && !/^(text\/javascript|module|application\/javascript)$/i.test(element.type)) continue;
        this.report(element, 'error', 'yinyom: this <script> has data-consent but ran before any choice: gating needs type="text/plain". Write <script type="text/plain" data-consent="…">.');
      } else if (!/^about:blank$/i.test(element.getAttribute('src')!)) {
        this.report(element, 'error', 'yinyom: this <iframe> has data-consent but a src, so it loaded before any choice. Rename src to data-src.');
      }
    }
    this.warnUngated();
    this.warnFetchedAhead();
  }

  /**
   * A preload of a gated script fetches it before consent, which reaches the tracker's
   * server as surely as running it: next/script adds one for <Script type="text/plain" src>.
   */
  private warnFetchedAhead(): void {
    const url = (value: string | null) => {
      try {
        return new URL(value ?? '', this.root.baseURI).href;
      } catch {
        return undefined;
      }
    };
    const gated = new Set(
      Array.from(this.root.querySelectorAll<HTMLScriptElement>(`script[type="text/plain"][data-consent][src]:not([${GATE_STATE}])`), (script) => url(script.getAttribute('src'))),
    );
    for (const link of Array.from(this.root.querySelectorAll<HTMLLinkElement>(FETCHED_AHEAD))) {
      if (this.reported.has(link)) continue;
      const href = url(link.getAttribute('href'));
      const tracker = href ? knownTracker(href) : undefined;
      if (href && gated.has(href)) {
        this.report(
          link,
          'error',
          `yinyom: this <link rel="${link.rel}"> fetches the gated script ${href} before any choice, so its server sees the visit without consent. ` +
            'Remove the preload. In Next.js, write a plain <script type="text/plain" data-consent="…" src="…"> instead of next/script, which adds one.',
        );
      } else if (tracker && !isGranted(this.consent(), tracker[1])) {
        this.report(link, 'warn', `yinyom: this <link rel="${link.rel}"> fetches ${tracker[0]} before consent. Remove it: the gated script loads the file once allowed.`);
      }
    }
  }

  /** One warning per tracker script or frame that runs without being gated, before its consent. */
  private warnUngated(): void {
    for (const element of Array.from(this.root.querySelectorAll<HTMLScriptElement | HTMLIFrameElement>('script[src],iframe[src]'))) {
      if (this.reported.has(element) || element.hasAttribute(GATE_STATE) || element.hasAttribute('data-consent')) continue;
      if (element instanceof HTMLScriptElement && element.type && !/^(text\/javascript|module|application\/javascript)$/i.test(element.type)) continue;
      const tracker = knownTracker(element.getAttribute('src')!);
      // Once its category is granted, a tracker is allowed to be there — including the one
      // a revived snippet inserts itself (gtag.js, fbevents.js).
      if (!tracker || isGranted(this.consent(), tracker[1])) continue;
      const [name, category] = tracker;
      const tag = element.localName;
      this.report(
        element,
        'warn',
        `yinyom: this <${tag}> loads ${name} without consent:`,
        tag === 'script'
          ? `Gate it: <script type="text/plain" data-consent="${category}" src="…">.`
          : `Gate it: <iframe data-consent="${category}" data-src="…">.`,
      );
    }
  }
}

const refusalOf = (plan: ReturnType<typeof planEmbed>) => ('refused' in plan ? plan.refused : undefined);
