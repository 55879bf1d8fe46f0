import { html, nothing, type TemplateResult } from 'lit';
import { choiceButtons, languageButton, policyLink, type NoticeView } from './notice-view.js';

// A named <section> is a region by HTML-AAM; the role is spelt out anyway for assistive
// technology that predates that mapping.
/* eslint-disable lit-a11y/no-redundant-role */
/** The notice shown until the visitor chooses: a named region, never a focus trap. */
export const renderBanner = (view: NoticeView): TemplateResult => {
  const { messages: m, preferencesOpen, policyChanged, config, showPreferences } = view;
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
  <p part="text">${m.bannerText(config.org)} ${policyLink(view)}</p>
  <div class="actions">
    ${choiceButtons(view)}
    <button class="choice" part="button preferences-button" @click=${showPreferences}>${m.choose}</button>
  </div>
</section>`;
};
/* eslint-enable lit-a11y/no-redundant-role */
