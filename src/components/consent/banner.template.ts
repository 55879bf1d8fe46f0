import { html, nothing, type TemplateResult } from 'lit';
import type { NoticeView } from './notice-view.js';

// The banner is what every first visit renders, so it is one template whose texts are
// property bindings: no comment markers, no nested templates, and fewer nodes for the page
// to hold (the preferences, in the second file, keep their own helpers, notice-view.ts).
// A named <section> is a region by HTML-AAM; the role is spelt out anyway for assistive
// technology that predates that mapping.
// lit-a11y cannot see a name given by a .textContent binding; axe checks the rendered
// banner in every engine (yinyom-consent.a11y.test.ts).
/* eslint-disable lit-a11y/no-redundant-role, lit-a11y/accessible-name */
/** The notice shown until the visitor chooses: a named region, never a focus trap. */
export const renderBanner = (view: NoticeView): TemplateResult => {
  const { messages: m, config, textOpen } = view;
  // At most one line above the text: the visitor is asked again, or the preferences could
  // not load (then focus is put on it, hence its tabindex).
  const notice = view.unavailable ? m.preferencesUnavailable : view.policyChanged ? m.policyChanged : '';
  return html`<section
  class="banner"
  part="banner"
  role="region"
  aria-labelledby="banner-title"
  ?hidden=${view.preferencesOpen}
>
  <div class="head">
    <h2 id="banner-title" part="title" .textContent=${m.bannerTitle}></h2>
    <button
      class="quiet"
      part="button language-button"
      lang=${view.other}
      @click=${view.switchLanguage}
      .textContent=${view.otherName}
    ></button>
    ${
      // Standing in for the preferences a returning visitor asked for: they may also leave it.
      view.unavailable && view.consent
        ? html`<button class="quiet close" part="button close-button" @click=${view.close} .textContent=${m.close}></button>`
        : nothing
    }
  </div>
  ${
    notice
      ? html`<p
          class="notice ${view.unavailable ? 'unavailable' : ''}"
          part="notice"
          tabindex="-1"
          .textContent=${notice}
        ></p>`
      : nothing
  }
  <p id="banner-text" part="text" class=${textOpen ? '' : 'clamp'} .textContent=${m.bannerText(config.org)}></p>
  <p class="links">
    <button
      class="more"
      aria-expanded=${textOpen}
      aria-controls="banner-text"
      @click=${view.toggleText}
      .textContent=${m.readMore}
    ></button>
    ${config.policyUrl ? html`<a part="policy-link" href=${config.policyUrl} .textContent=${m.policyLink}></a>` : nothing}
  </p>
  <div class="actions">
    <button class="choice" part="button accept-button" @click=${view.acceptAll} .textContent=${m.acceptAll}></button>
    <button class="choice" part="button reject-button" @click=${view.rejectAll} .textContent=${m.rejectAll}></button>
    <button
      class="choice"
      part="button preferences-button"
      @click=${view.showPreferences}
      @pointerenter=${view.prefetch}
      @focus=${view.prefetch}
      .textContent=${m.choose}
    ></button>
  </div>
</section>`;
};
/* eslint-enable lit-a11y/no-redundant-role */

/** After a choice: the floating button that reopens the preferences, unless the page hides it. */
// Named by its .textContent binding, as above.
export const renderSettingsButton = ({
  config,
  messages,
  showPreferences,
  prefetch,
}: NoticeView): TemplateResult | typeof nothing =>
  config.settingsButton
    ? html`<button
        class="settings"
        part="button settings-button"
        @click=${showPreferences}
        @pointerenter=${prefetch}
        @focus=${prefetch}
        .textContent=${messages.settingsButton}
      ></button>`
    : nothing;
/* eslint-enable lit-a11y/accessible-name */
