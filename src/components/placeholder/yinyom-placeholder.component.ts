import { css, html, LitElement, nothing } from 'lit';
import { isOptionalCategory } from '../../core/categories.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { YinyomAllowEvent } from '../../events/yinyom-allow.js';
import { YinyomLoadOnceEvent } from '../../events/yinyom-load-once.js';
import { isComplete } from '../../i18n/messages.js';
import type { SiteTexts } from '../../i18n/site-texts.js';

/**
 * Stands in for a gated embed (a video, a map) until the visitor allows it: says where it
 * comes from and what it would set, and offers to show this one only or to allow the
 * category. Created by `<yinyom-consent>`; a site does not write it by hand.
 *
 * @summary The placeholder shown in place of a gated iframe.
 * @attr {string} lang - The language of its text, the notice's. Default: as `<yinyom-consent>` resolves it.
 * @event {YinyomLoadOnceEvent} yinyom-load-once - The visitor asked to show this embed only.
 * @event {YinyomAllowEvent} yinyom-allow - The visitor asked to allow the embed's category. `detail: { category }`.
 * @csspart placeholder - The box.
 * @csspart load-once-button - "Show this one only".
 * @csspart allow-button - "Allow …".
 * @cssproperty [--yinyom-color-background=#fff] - Background.
 * @cssproperty [--yinyom-color-text=#1f2328] - Text colour.
 * @cssproperty [--yinyom-color-accent=#0b57a4] - Button colour.
 * @cssproperty [--yinyom-color-on-accent=#fff] - Text on the buttons.
 * @cssproperty [--yinyom-color-border=#6b7380] - The dashed border.
 * @cssproperty [--yinyom-color-focus=#0b57a4] - Focus ring.
 * @cssproperty [--yinyom-radius=0.5rem] - Corner radius.
 */
export class YinyomPlaceholder extends LitElement {
  static override styles = css`
    /*
     * The box takes the frame's size (set inline from its width and height) and never lets
     * its content out: a small frame's content scrolls inside it, on top, never over the
     * page's neighbouring controls. Centred by auto margins, which (unlike
     * justify-content: center) give way when the content is taller than the box.
     */
    :host {
      display: block;
      box-sizing: border-box;
      max-width: 100%;
      min-height: 7.5rem;
      font-family: inherit;
      line-height: 1.6;
      container-type: inline-size;
    }
    div {
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      height: 100%;
      min-height: inherit;
      overflow: auto;
      overscroll-behavior: contain;
      padding: 1rem;
      border: 1px dashed var(--yinyom-color-border, #6b7380);
      border-radius: var(--yinyom-radius, 0.5rem);
      background: var(--yinyom-color-background, #fff);
      color: var(--yinyom-color-text, #1f2328);
    }
    p { margin: auto 0 0; }
    span { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: auto; }
    button {
      font: inherit;
      min-height: 2.75rem;
      padding: 0.5rem 1rem;
      border: 2px solid var(--yinyom-color-accent, #0b57a4);
      border-radius: var(--yinyom-radius, 0.5rem);
      background: var(--yinyom-color-accent, #0b57a4);
      color: var(--yinyom-color-on-accent, #fff);
      font-weight: 600;
      cursor: pointer;
    }
    button:focus-visible { outline: 3px solid var(--yinyom-color-focus, #0b57a4); outline-offset: 2px; }
    /* A small frame (a 320×180 video, a sidebar map): the same text, less air. */
    @container (max-width: 24rem) {
      div { padding: 0.5rem 0.75rem; gap: 0.5rem; }
      button { min-height: 2.25rem; padding: 0.25rem 0.75rem; }
    }
  `;

  private readonly _localize = new LocalizeController(this, { texts: () => this.texts });

  static override properties = {
    provider: { attribute: 'provider' },
    category: { attribute: 'category' },
    texts: { attribute: false },
  };

  /** Where the embed comes from ("YouTube"). */
  provider = '';
  /** The category that allows it. */
  category = 'marketing';
  /** The site's wording, as `<yinyom-consent>` read it. */
  texts?: SiteTexts;

  // `lang` is the global attribute; re-render when it changes.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override render() {
    const m = this._localize.messages();
    // This element comes with the second file, and the texts with it: never incomplete here.
    if (!isComplete(m)) return nothing;
    const category = isOptionalCategory(this.category) ? this.category : 'marketing';
    const title = m.categories[category].title;
    const text = m.placeholder(this.provider, title);
    return html`<div part="placeholder" role="group" aria-labelledby="text">
      <p id="text">${text}</p>
      <span>
        <button part="load-once-button" @click=${() => this.dispatchEvent(new YinyomLoadOnceEvent())}>
          ${m.loadOnce}
        </button>
        <button
          part="allow-button"
          @click=${() => this.dispatchEvent(new YinyomAllowEvent({ category }))}
        >
          ${m.allowCategory(title)}
        </button>
      </span>
    </div>`;
  }
}
