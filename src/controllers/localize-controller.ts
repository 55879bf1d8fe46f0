import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { browserLanguages, resolveLanguage, type Language } from '../i18n/language.js';
import type { ArrivedMessages } from '../i18n/messages.js';
import { knownLanguages, messagesFor, onLanguagesChange } from '../i18n/registry.js';
import { applyOverride, parseSiteTexts, type SiteTexts } from '../i18n/site-texts.js';
import { ownValue } from '../internal/own.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface LocalizeOptions {
  /** The site's texts as given: JSON text, an object, or undefined. Checked once per source. */
  readonly texts?: () => unknown;
}

// Every connected element that speaks a language: one observer of <html lang> and one
// registry listener serve them all, and go when the last element does.
const hosts = new Set<Host>();
let stop: (() => void) | undefined;
const updateAll = () => {
  for (const host of hosts) host.requestUpdate();
};

/**
 * The language an element is shown in, and its texts: the visitor's pick from the switch,
 * else the element's `lang`, `<html lang>`, the browser's languages, Thai; registered
 * languages included, with the site's own wording laid over. Re-renders its element when
 * `<html lang>` changes or a language is registered.
 */
export class LocalizeController implements ReactiveController {
  /** The visitor's pick from the language switch, which outranks every other source. */
  private _chosen?: Language;
  private _source?: unknown;
  private _checked: SiteTexts = {};

  constructor(
    private readonly _host: Host,
    private readonly _options: LocalizeOptions = {},
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this._host);
    if (stop) return;
    const observer = new MutationObserver(updateAll);
    observer.observe(document.documentElement, { attributeFilter: ['lang'] });
    const unsubscribe = onLanguagesChange(updateAll);
    stop = () => {
      observer.disconnect();
      unsubscribe();
      stop = undefined;
    };
  }

  hostDisconnected(): void {
    hosts.delete(this._host);
    if (!hosts.size) stop?.();
  }

  /** The language shown now. */
  get language(): Language {
    return (
      this._chosen ??
      resolveLanguage(
        [this._host.getAttribute('lang'), document.documentElement.lang, ...browserLanguages()],
        knownLanguages(),
      )
    );
  }

  /** The language the visible switch offers: English from Thai, Thai from any other. */
  get other(): Language {
    return this.language === 'th' ? 'en' : 'th';
  }

  /** The visitor's pick: it holds until the element goes. */
  choose(language: Language): void {
    this._chosen = language;
    this._host.requestUpdate();
  }

  /** The site's texts, checked once per source; what is wrong is said once, on the console. */
  get siteTexts(): SiteTexts {
    const source = this._options.texts?.();
    if (source === undefined) return {};
    if (source !== this._source) {
      const { texts, problems } = parseSiteTexts(source, messagesFor('th'));
      for (const problem of problems) console.error(problem);
      this._source = source;
      this._checked = texts;
    }
    return this._checked;
  }

  /**
   * The texts in a language: registered or built in, with the site's wording laid over. A
   * built-in language has its banner texts only, until the second file brings the rest.
   */
  messages(language: Language = this.language): ArrivedMessages {
    return applyOverride(messagesFor(language), ownValue(this.siteTexts.messages, language));
  }
}
