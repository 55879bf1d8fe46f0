// The floor of yinyom's fixed choices (issue #16): a Lit element with js-cookie and nothing
// else. One banner (a heading, a paragraph, accept / reject / choose) in a shadow root with a
// small css`` block; it reads its one cookie when connected and writes it on a click. It gates
// nothing and has no preferences: "choose" only records the choice. bench/run.mjs bundles it
// with rollup at start (an IIFE, minified like dist/yinyom.min.js) for bench/pages/floor.html.
import Cookies from 'js-cookie';
import { LitElement, css, html } from 'lit';

const COOKIE = 'floor_consent';

class FloorConsent extends LitElement {
  static properties = { _choice: { state: true } };

  static styles = css`
    :host { position: fixed; inset: auto 0 0 0; z-index: 2147483000; font: 15px/1.5 system-ui, sans-serif; }
    section { max-width: 48rem; margin: 0 auto 1rem; padding: 1rem 1.25rem; background: #fff; color: #222;
      border-radius: 0.5rem; box-shadow: 0 0.25rem 1.5rem rgb(0 0 0 / 0.25); }
    h2 { margin: 0 0 0.25rem; font-size: 1.1rem; }
    p { margin: 0 0 0.75rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button { font: inherit; padding: 0.4rem 1rem; border: 1px solid #0b4f6c; border-radius: 0.25rem;
      background: #fff; color: #0b4f6c; cursor: pointer; }
    button:first-child { background: #0b4f6c; color: #fff; }
  `;

  connectedCallback() {
    super.connectedCallback();
    this._choice = Cookies.get(COOKIE);
  }

  _choose(choice) {
    Cookies.set(COOKIE, choice, { expires: 365, sameSite: 'Lax', path: '/' });
    this._choice = choice;
  }

  render() {
    if (this._choice) return null;
    return html`<section part="banner" role="region" aria-labelledby="title">
      <h2 id="title">We use cookies</h2>
      <p>Necessary cookies keep this site working. With your consent we also use analytics and marketing cookies.</p>
      <div class="actions">
        <button part="accept-button" @click=${() => this._choose('all')}>Accept all</button>
        <button part="reject-button" @click=${() => this._choose('necessary')}>Reject all</button>
        <button part="preferences-button" @click=${() => this._choose('chosen')}>Choose</button>
      </div>
    </section>`;
  }
}

customElements.define('floor-consent', FloorConsent);
