import { isGranted, type ConsentRecord } from './consent-record.js';

/** Set on every gated element the gate has taken, so nothing is ever revived twice. */
export const GATE_STATE = 'data-yinyom-state';

const GATED_SELECTOR =
  `script[type="text/plain"][data-consent]:not([${GATE_STATE}]),` +
  `[data-consent][data-src]:not(script):not([${GATE_STATE}])`;

// Attributes that only mean something to the gate: the revived script must not carry them.
const GATE_ONLY = new Set(['type', 'data-type', 'data-consent', GATE_STATE]);

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
  readonly log?: Pick<Console, 'error'>;
}

/**
 * Makes gated markup live once the choice allows it: scripts in document order, each
 * external one loaded (or failed) before the next runs, every element at most once.
 * Consent is read afresh before each element, so a withdrawal mid-chain stops the rest.
 */
export class ScriptGate {
  /** Categories whose gated markup has run on this page: a withdrawal cannot undo them. */
  readonly ran = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly root: Document;
  private readonly log: Pick<Console, 'error'>;

  constructor(
    private readonly consent: () => ConsentRecord | null,
    options: ScriptGateOptions = {},
  ) {
    this.root = options.root ?? document;
    this.log = options.log ?? console;
  }

  /** Schedules a pass over the document; resolves when every allowed element has run. */
  apply(): Promise<void> {
    this.queue = this.queue.then(() => this.pass());
    return this.queue;
  }

  private async pass(): Promise<void> {
    // Gated markup below the element is not parsed yet while the document is loading.
    if (this.root.readyState === 'loading') {
      await new Promise((resolve) => this.root.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    for (const element of Array.from(this.root.querySelectorAll<HTMLElement>(GATED_SELECTOR))) {
      // Another gate (a second element, a re-created one) may have taken it meanwhile.
      if (element.hasAttribute(GATE_STATE) || !element.isConnected) continue;
      const spec = element.getAttribute('data-consent') ?? '';
      if (!isAllowed(spec, this.consent())) continue;
      element.setAttribute(GATE_STATE, 'done');
      for (const token of spec.split(/\s+/)) if (token && token[0] !== '!') this.ran.add(token);
      if (element instanceof HTMLScriptElement) await this.revive(element);
      else element.setAttribute('src', element.getAttribute('data-src')!);
    }
  }

  private revive(original: HTMLScriptElement): Promise<void> {
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
}
