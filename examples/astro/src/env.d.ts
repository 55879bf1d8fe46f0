// Teaches `astro check` the attributes of <yinyom-consent>. Without this file Astro accepts any
// attribute with any value on a custom element (its JSX typings have a catch-all
// `[name: string]: { [name: string]: any }`), so `positon="left"` would build silently.
//
// YinyomConsentAttributes comes from the "yinyom/jsx" entry, whose other half types React's
// JSX: with Astro's default "skipLibCheck": true, React need not be installed.
import type { YinyomConsentAttributes } from 'yinyom/jsx';

declare global {
  namespace astroHTML.JSX {
    interface IntrinsicElements {
      // Astro's own attributes (class, id, transition:persist…) plus yinyom's, each checked.
      'yinyom-consent': HTMLAttributes & YinyomConsentAttributes;
    }
  }
}
