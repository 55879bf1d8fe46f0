// Everything only the preferences need, reached through this one module: its template, its
// styles and the date format of the receipt line. Most visitors answer from the banner.
import { adoptStyles, html, nothing, type CSSResultOrNative, type TemplateResult } from 'lit';
import type { OptionalCategory } from '../../core/categories.js';
import { formatDate } from '../../i18n/format-date.js';
import type { Messages } from '../../i18n/messages.js';
import { localText, type CookieInfo } from '../../i18n/site-texts.js';
import { ownValue } from '../../internal/own.js';
import { choiceButtons, languageButton, policyLink, type NoticeView } from './notice-view.js';

import { preferencesStyles } from './preferences.styles.js';

const styled = new WeakSet<ShadowRoot>();

/** Adds the preferences' styles to the element's own (a subclass's included), the first time only. */
export function adoptPreferencesStyles(root: ShadowRoot, elementStyles: readonly CSSResultOrNative[]): void {
  if (styled.has(root)) return;
  adoptStyles(root, [...elementStyles, preferencesStyles]);
  styled.add(root);
}

/** The inside of the preferences `<dialog>`: categories with their switches, none pre-ticked. */
export const renderPreferences = (view: NoticeView<Messages>): TemplateResult => {
  const { messages: m, config, consent, language } = view;
  return html`<div class="head">
      <h2 id="preferences-title" part="preferences-title">${m.preferencesTitle}</h2>
      <span>
        ${languageButton(view)}
        <button class="quiet" part="button close-button" @click=${view.close}>${m.close}</button>
      </span>
    </div>
    <p part="preferences-text">${m.preferencesIntro} ${policyLink(view)}</p>
    <ul>
      <li part="category">
        <div>
          <span class="label" part="category-title" id="category-necessary">${m.necessary.title}</span>
          <p part="category-description">${m.necessary.description}</p>
          ${renderCookies(view, view.cookies?.necessary)}
        </div>
        <span class="always">${m.alwaysOn}</span>
      </li>
      ${config.categories.map((category) => renderCategory(view, category))}
    </ul>
    ${view.gpc && config.categories.includes('marketing') ? html`<p class="notice" part="notice">${m.gpc}</p>` : nothing}
    <p class="logs" part="traffic-logs">${m.trafficLogs}</p>
    ${
      consent
        ? html`<p class="logs receipt">
            <span part="receipt">${m.receipt(consent.id, formatDate(consent.updatedAt, language))}</span>
            <button class="quiet" part="button copy-receipt-button" @click=${view.copyReceipt}>${m.copyReceipt}</button>
          </p>`
        : nothing
    }
    <div class="actions">
      ${choiceButtons(view)}
      <button class="choice" part="button save-button" @click=${view.save}>${m.save}</button>
    </div>`;
};

// A native checkbox carries its own checked state into role="switch": aria-checked would
// only repeat it, and could fall out of step with it.
/* eslint-disable lit-a11y/role-has-required-aria-attrs */
function renderCategory(view: NoticeView<Messages>, category: OptionalCategory): TemplateResult {
  const id = `category-${category}`;
  const text = view.messages.categories[category];
  return html`<li part="category">
    <div>
      <label for=${id} part="category-title">${text.title}</label>
      <p id=${`${id}-description`} part="category-description">${text.description}</p>
      ${renderCookies(view, ownValue(view.cookies, category))}
    </div>
    <input
      type="checkbox"
      role="switch"
      id=${id}
      part="toggle"
      aria-describedby=${`${id}-description`}
      .checked=${view.draft[category] === true}
      @change=${(event: Event) => view.toggle(category, (event.target as HTMLInputElement).checked)}
    />
  </li>`;
}
/* eslint-enable lit-a11y/role-has-required-aria-attrs */

/** The cookies the site declares for a category, in a table a screen reader can walk. */
function renderCookies({ messages: m, language }: NoticeView<Messages>, cookies: readonly CookieInfo[] | undefined) {
  if (!cookies?.length) return nothing;
  return html`<details part="cookie-list">
    <summary>${m.cookieList} (${cookies.length})</summary>
    <table part="cookie-table">
      <thead>
        <tr>
          <th scope="col">${m.cookieName}</th>
          <th scope="col">${m.provider}</th>
          <th scope="col">${m.purpose}</th>
          <th scope="col">${m.lifetime}</th>
        </tr>
      </thead>
      <tbody>
        ${cookies.map(
          (cookie) => html`<tr>
            <th scope="row"><code>${cookie.name}</code></th>
            <td>${cookie.provider ?? ''}</td>
            <td>${localText(cookie.purpose, language)}</td>
            <td>${localText(cookie.lifetime, language)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
