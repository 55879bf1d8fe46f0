import { CONFIG_ATTRIBUTES } from './core/config.js';

/**
 * Adds a <yinyom-consent> configured from a script tag's `data-*` attributes (the
 * element's attribute names) and the page's `<script type="application/json"
 * data-yinyom-texts>`, unless the page already has one. Returns the element used.
 */
export function mountFromScript(script: HTMLScriptElement | null, root: Document = document): Element {
  const existing = root.querySelector('yinyom-consent');
  if (existing) return existing;
  const element = root.createElement('yinyom-consent');
  for (const attribute of CONFIG_ATTRIBUTES) {
    const value = script?.getAttribute(`data-${attribute}`);
    if (value != null) element.setAttribute(attribute, value);
  }
  // The site's texts may stand anywhere in the page when the element is not written by hand.
  const texts = root.querySelector('script[type="application/json"][data-yinyom-texts]');
  if (texts) element.append(texts);
  root.body.append(element);
  return element;
}
