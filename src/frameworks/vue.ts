// Types only: Vue 3 template typings for <yinyom-consent>. Nothing here exists at run time and
// nothing imports this file: it is an opt-in entry, so that `import 'yinyom'` keeps
// type-checking in projects without Vue.
//
//   // once, anywhere in a Vue 3 project (e.g. src/env.d.ts or main.ts):
//   import type {} from 'yinyom/vue';
import type { DefineComponent } from 'vue';
import type { CamelCaseAttributes } from './attributes.js';

export type { YinyomConsentAttributes } from './attributes.js';

/**
 * A boolean attribute in a template: bare, or bound to `true` / `null`. Vue sets an unknown
 * attribute bound to `false` as the string "false", which a boolean attribute reads as present.
 */
export type VueBooleanAttribute = true | '' | null;

/**
 * The attributes as Vue's template type checker wants them: camelCase (generated from the
 * component with their docs, see attributes.ts), all optional, and every boolean attribute
 * (`no-settings-button`) a {@link VueBooleanAttribute}, never `false`.
 */
export type YinyomConsentVueProps = {
  [K in keyof CamelCaseAttributes]?: NonNullable<CamelCaseAttributes[K]> extends boolean
    ? VueBooleanAttribute
    : CamelCaseAttributes[K];
};

/** The element as Vue's template type checker (vue-tsc, the Vue - Official extension) sees it. */
export type YinyomConsentVueComponent = DefineComponent<YinyomConsentVueProps>;

declare module 'vue' {
  interface GlobalComponents {
    'yinyom-consent': YinyomConsentVueComponent;
  }
  /**
   * The gate's attributes on the page's own elements. Vue's strict template checking
   * (`strictTemplates`, `checkUnknownProps`) rejects a `data-*` attribute it was not told of,
   * so `<iframe data-consent="marketing" data-src="…">` and `<a data-yinyom-open>` would not
   * type-check without these.
   */
  interface HTMLAttributes {
    /** Categories that must all be granted (`!name`: refused) before this element goes live. */
    'data-consent'?: string;
    /** The URL a gated frame, image or medium loads once allowed. */
    'data-src'?: string;
    /** The srcset a gated image or source takes once allowed. */
    'data-srcset'?: string;
    /** The href a gated stylesheet takes once allowed. */
    'data-href'?: string;
    /** `module` for a gated module script. */
    'data-type'?: string;
    /** Opens the preferences when clicked. */
    'data-yinyom-open'?: boolean | '';
  }
}
