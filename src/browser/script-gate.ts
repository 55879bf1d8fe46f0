import {
  GATE_STATE,
  GATED_SELECTOR,
  categoryTokens,
  isAllowed,
  isSafeGatedUrl,
  planEmbed,
  quoted,
} from '../core/gate-rules.js';
import type { ConsentRecord } from '../core/consent-record.js';
import { ownOptions } from '../internal/own.js';
import { Companions } from './companions.js';
import { FETCHED_AHEAD, lintMarkup } from './gate-lint.js';
import { pageNonce } from './page-nonce.js';
import { trustedScript, trustedScriptUrl } from './trusted-types.js';

export { GATE_STATE, isAllowed };
export { knownTracker } from './gate-lint.js';

// Attributes that only mean something to the gate: the revived script must not carry them.
// `src` is copied on its own, as a Trusted Types value.
const GATE_ONLY = new Set(['type', 'data-type', 'data-consent', GATE_STATE, 'src']);

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
  private _queue: Promise<void> = Promise.resolve();
  private readonly _root: Document;
  private readonly _log: Pick<Console, 'warn' | 'error'>;
  /** Elements already reported (a warning or a mistake): one message each. */
  private readonly _reported = new WeakSet<Element>();
  /** Elements the gate will never make live, each reported once when refused. */
  private readonly _refused = new WeakSet<Element>();
  private _observer?: MutationObserver;
  private readonly _options: ScriptGateOptions;

  constructor(
    private readonly _consent: () => ConsentRecord | null,
    settings: ScriptGateOptions = {},
  ) {
    this._options = ownOptions(settings);
    this._root = this._options.root ?? document;
    this._log = this._options.log ?? console;
  }

  /** Schedules a pass over the document; resolves when every allowed element has run. */
  apply(): Promise<void> {
    return this._enqueue(() => this._pass());
  }

  /** Makes one element live whatever the choice: the visitor's "load this one only". */
  activate(element: HTMLElement): Promise<void> {
    return this._enqueue(() => this._run(element));
  }

  /** Watches for gated (and ungated tracker) markup added later; one observer, no polling. */
  observe(): void {
    this._observer ??= new MutationObserver((records) => {
      // Whatever changed, yinyom's own nodes keep to the page's nodes they stand for.
      this.companions.follow();
      const added = records.some((record) =>
        Array.from(record.addedNodes).some(
          (node) =>
            node instanceof Element &&
            (node.matches(`${GATED_SELECTOR},script[src],iframe[src],${FETCHED_AHEAD}`) ||
              node.querySelector(GATED_SELECTOR)),
        ),
      );
      if (added) void this.apply();
    });
    this._observer.observe(this._root, { childList: true, subtree: true });
    // Nothing was watched while the element was away (a router moving it swaps the page).
    this.companions.follow();
    this._root.addEventListener('securitypolicyviolation', this._onViolation);
  }

  /** Whether observe() is in force (the element is connected and serves the page). */
  get observing(): boolean {
    return this._observer !== undefined;
  }

  disconnect(): void {
    this._observer?.disconnect();
    this._observer = undefined;
    this._root.removeEventListener('securitypolicyviolation', this._onViolation);
  }

  /**
   * One failure (a broken element, a page script's getter that throws) must not reject the
   * queue for good: every later pass still runs.
   */
  private _enqueue(job: () => Promise<void>): Promise<void> {
    this._queue = this._queue
      .then(job)
      .catch((error) =>
        this._log.error('yinyom: a pass over the gated markup failed; the next one will try again.', error),
      );
    return this._queue;
  }

  private async _pass(): Promise<void> {
    // Gated markup below the element is not parsed yet while the document is loading.
    if (this._root.readyState === 'loading') {
      await new Promise((resolve) => this._root.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    lintMarkup({
      root: this._root,
      consent: this._consent(),
      categories: this._options.categories?.(),
      reported: this._reported,
      report: (element, level, ...message) => this._report(element, level, ...message),
    });
    for (const element of Array.from(this._root.querySelectorAll<HTMLElement>(GATED_SELECTOR))) {
      // Another gate (a second element, a re-created one) may have taken it meanwhile.
      if (element.hasAttribute(GATE_STATE) || this._refused.has(element) || !element.isConnected) continue;
      try {
        const spec = element.getAttribute('data-consent') ?? '';
        // Checked before consent: a refused frame gets no placeholder offering to load it.
        if (this._refusal(element) || !isAllowed(spec, this._consent())) {
          if (!this._refused.has(element)) this._options.blocked?.(element);
          continue;
        }
        for (const token of categoryTokens(spec)) if (token[0] !== '!') this.ran.add(token);
        await this._run(element);
      } catch (error) {
        this._log.error('yinyom: this gated element could not be made live; the others go on.', element, error);
      }
    }
  }

  /** Makes one checked element live. Never for a refused one, whoever asks. */
  private async _run(element: HTMLElement): Promise<void> {
    if (element.hasAttribute(GATE_STATE) || this._refusal(element)) return;
    element.setAttribute(GATE_STATE, 'done');
    this._options.live?.(element);
    if (element instanceof HTMLScriptElement) return this._revive(element);
    const plan = planEmbed(element, this._root.baseURI);
    for (const [name, value] of 'write' in plan ? plan.write : []) element.setAttribute(name, value);
    // <video>/<audio> pick up a new src only when told to.
    if (element instanceof HTMLMediaElement) element.load();
  }

  /**
   * Whether an element must never be made live; says why once, on the console. Scripts are
   * checked here, embeds by gate-rules.ts.
   */
  private _refusal(element: HTMLElement): boolean {
    if (this._refused.has(element)) return true;
    const reason =
      element.localName === 'script' ? this._scriptRefusal(element) : refusalOf(planEmbed(element, this._root.baseURI));
    if (!reason) return false;
    this._refused.add(element);
    this._log.error(`yinyom: this gated <${element.localName}> stays inert: ${reason}.`, element);
    return true;
  }

  private _scriptRefusal(script: HTMLElement): string | undefined {
    if (!(script instanceof HTMLScriptElement)) return 'only HTML <script> elements are revived, not SVG ones';
    const nonce = (this._options.nonce ?? (() => pageNonce(this._root)))();
    // Under 'strict-dynamic' any script yinyom inserts would run: only the page's own may.
    if (nonce && script.nonce !== nonce) {
      return 'yinyom runs under a CSP nonce and this script does not carry it, so it may have been injected. Add the page\'s nonce: <script type="text/plain" data-consent="…" nonce="…">';
    }
    const src = script.getAttribute('src');
    if (src !== null && !isSafeGatedUrl(src, this._root.baseURI))
      return `src must be an http:, https: or relative URL, not ${quoted(src)}`;
    const type = script.getAttribute('data-type');
    if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type))
      return `data-type may only be "module", not ${quoted(type)}`;
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

  private _revive(original: HTMLScriptElement): Promise<void> {
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
    const script = this._root.createElement('script');
    const handlers: string[] = [];
    for (const { name, value } of Array.from(original.attributes)) {
      if (/^on/i.test(name)) handlers.push(name);
      else if (!GATE_ONLY.has(name)) script.setAttribute(name, value);
    }
    if (handlers.length) {
      this._log.error(
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
      script.text = trustedScript(original.text, this._log);
      this.companions.tie(original, script, 'after');
      return Promise.resolve();
    }
    script.setAttribute('src', trustedScriptUrl(src, this._log));
    return new Promise((resolve) => {
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener(
        'error',
        () => {
          this._log.error(`yinyom: the gated script ${script.src} failed to load; the next gated script runs anyway.`);
          resolve();
        },
        { once: true },
      );
      this.companions.tie(original, script, 'after');
    });
  }

  /** A revived script the page's own policy blocked: say which and how to let it run. */
  private readonly _onViolation = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof HTMLScriptElement) || target.getAttribute(GATE_STATE) !== 'done') return;
    this._report(
      target,
      'error',
      `yinyom: the page's Content-Security-Policy (${(event as SecurityPolicyViolationEvent).violatedDirective}) blocked this gated script. ` +
        'Give it the page\'s nonce (nonce="…"), or allow its host in script-src.',
    );
  };

  /** One message per element, whatever the number of passes. */
  private _report(element: Element, level: 'warn' | 'error', ...message: unknown[]): void {
    if (this._reported.has(element)) return;
    this._reported.add(element);
    this._log[level](message[0], element, ...message.slice(1));
  }
}

const refusalOf = (plan: ReturnType<typeof planEmbed>) => ('refused' in plan ? plan.refused : undefined);
