import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { GATE_STATE, type ScriptGate } from '../../browser/script-gate.js';
import { embedCategory } from '../../core/gate-rules.js';
import { providerName } from '../../core/embed-provider.js';
import type { OptionalCategory } from '../../core/categories.js';
import type { SiteTexts } from '../../i18n/site-texts.js';
import { loadExtra } from '../../internal/load-extra.js';
import { whenSettled } from '../../internal/when-settled.js';
import type { YinyomPlaceholder } from './yinyom-placeholder.component.js';
// Types only: the tag map entry that types createElement('yinyom-placeholder').
import type {} from './yinyom-placeholder.js';

export interface PlaceholderOptions {
  /** The gate whose blocked frames get placeholders. */
  readonly gate: () => ScriptGate;
  /** The notice's language and the site's texts: placeholders speak as the notice does. */
  readonly language: () => string;
  readonly texts: () => SiteTexts;
  /** The visitor allowed a placeholder's category: grant it and keep the rest of the choice. */
  readonly allow: (category: OptionalCategory) => void;
}

/**
 * Puts a `<yinyom-placeholder>` before each gated frame the visitor's choice keeps inert,
 * tied to it (companions.ts): when the page removes the frame, its placeholder goes too.
 * Keeps every placeholder in the notice's language and wording.
 */
export class PlaceholderController implements ReactiveController {
  /** Whether the page has loaded and hydrated: placeholders wait for it. */
  private _settled = false;
  /** Frames waiting for the page to settle before they get a placeholder. */
  private readonly _unsettled = new Set<HTMLIFrameElement>();
  /** The inline display (value, priority) of each frame a placeholder hides, to put back. */
  private readonly _hiddenDisplay = new WeakMap<HTMLElement, [string, string]>();
  private _shown?: [string, SiteTexts];

  constructor(
    host: ReactiveControllerHost,
    private readonly _options: PlaceholderOptions,
  ) {
    host.addController(this);
  }

  /** After each render of the notice: a new language or wording reaches every placeholder. */
  hostUpdated(): void {
    const language = this._options.language();
    const texts = this._options.texts();
    if (this._shown?.[0] === language && this._shown[1] === texts) return;
    this._shown = [language, texts];
    for (const node of this._options.gate().companions.nodes) {
      if (node.localName === 'yinyom-placeholder') this._speak(node as YinyomPlaceholder);
    }
  }

  /** For the gate's `blocked`: a frame that stays inert gets its placeholder (once). */
  show(element: HTMLElement): void {
    if (!(element instanceof HTMLIFrameElement)) return;
    const gate = this._options.gate();
    if (gate.companions.of(element)) return;
    // Not into markup a framework has yet to hydrate (when-settled.ts): the frame stays
    // empty, without a src, until the page has settled, and gets its placeholder then.
    if (!this._settled) {
      if (!this._unsettled.size) {
        whenSettled(() => {
          this._settled = true;
          // An element taken away meanwhile puts nothing in: its next connection scans again.
          if (gate.observing) {
            for (const frame of this._unsettled)
              if (frame.isConnected && !frame.hasAttribute(GATE_STATE)) this.show(frame);
          }
          this._unsettled.clear();
        });
      }
      this._unsettled.add(element);
      return;
    }
    const placeholder = document.createElement<'yinyom-placeholder'>('yinyom-placeholder');
    placeholder.setAttribute('provider', providerName(element.getAttribute('data-src') ?? ''));
    placeholder.setAttribute('category', embedCategory(element.getAttribute('data-consent') ?? ''));
    this._speak(placeholder);
    // Take the frame's size, through the CSSOM (a strict style-src allows it).
    for (const side of ['width', 'height'] as const) {
      const size = element.getAttribute(side)?.trim();
      if (size && /^\d+(\.\d+)?%?$/.test(size))
        placeholder.style.setProperty(side, size.endsWith('%') ? size : `${size}px`);
    }
    placeholder.addEventListener('yinyom-load-once', () => void gate.activate(element));
    placeholder.addEventListener('yinyom-allow', (event) => this._options.allow(event.detail.category));
    // Inline and important, so that a site's own `iframe { display: block }` cannot show an
    // empty frame next to its placeholder. The frame's own inline display comes back after.
    // A frame the page took out and put back (Vue's KeepAlive) is hidden by us already.
    if (!this._hiddenDisplay.has(element)) {
      this._hiddenDisplay.set(element, [
        element.style.getPropertyValue('display'),
        element.style.getPropertyPriority('display'),
      ]);
    }
    element.style.setProperty('display', 'none', 'important');
    gate.companions.tie(element, placeholder, 'before');
    // <yinyom-placeholder> is defined by the second file: the element upgrades when it comes.
    // Should it not come, load-extra has said why, and the frame stays hidden and inert
    // until the visitor accepts from the banner.
    loadExtra().catch(() => undefined);
  }

  /** For the gate's `live`: the frame shows itself, and its placeholder goes. */
  hide(element: HTMLElement): void {
    const display = this._hiddenDisplay.get(element);
    if (!display) return;
    this._options.gate().companions.untie(element);
    this._hiddenDisplay.delete(element);
    if (display[0]) element.style.setProperty('display', ...display);
    else element.style.removeProperty('display');
  }

  private _speak(placeholder: YinyomPlaceholder): void {
    placeholder.setAttribute('lang', this._options.language());
    placeholder.texts = this._options.texts();
  }
}
