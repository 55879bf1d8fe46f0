import { html, nothing, type TemplateResult } from 'lit';
import { choiceButtons, languageButton, policyLink, type NoticeView } from './notice-view.js';

// A named <section> is a region by HTML-AAM; the role is spelt out anyway for assistive
// technology that predates that mapping.
/* eslint-disable lit-a11y/no-redundant-role */
/** The notice shown until the visitor chooses: a named region, never a focus trap. */
export const renderBanner = (view: NoticeView): TemplateResult => {
  const { messages: m, preferencesOpen, policyChanged, config, showPreferences, textOpen } = view;
  return html`<section
  class="banner"
  part="banner"
  role="region"
  aria-labelledby="banner-title"
  ?hidden=${preferencesOpen}
>
  <div class="head">
    <h2 id="banner-title" part="title">${m.bannerTitle}</h2>
    ${languageButton(view)}
  </div>
  ${policyChanged ? html`<p class="notice" part="notice">${m.policyChanged}</p>` : nothing}
  ${view.unavailable ? html`<p class="notice unavailable" part="notice" tabindex="-1">${m.preferencesUnavailable}</p>` : nothing}
  <p id="banner-text" part="text" class=${textOpen ? '' : 'clamp'}>${m.bannerText(config.org)}</p>
  <p class="links">
    <button class="more" aria-expanded=${textOpen} aria-controls="banner-text" @click=${view.toggleText}>
      ${m.readMore}
    </button>
    ${policyLink(view)}
  </p>
  <div class="actions">
    ${choiceButtons(view)}
    <button
      class="choice"
      part="button preferences-button"
      @click=${showPreferences}
      @pointerenter=${view.prefetch}
      @focus=${view.prefetch}
    >
      ${m.choose}
    </button>
  </div>
</section>`;
};
/* eslint-enable lit-a11y/no-redundant-role */

/** After a choice: the floating button that reopens the preferences, unless the page hides it. */
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
      >
        ${messages.settingsButton}
      </button>`
    : nothing;
