// Types only: JSX typings for <yinyom-consent> in React 19. Nothing here exists at run time
// and nothing imports this file: it is an opt-in entry, so that `import 'yinyom'` keeps
// type-checking in projects without React. Vue projects use "yinyom/vue" instead.
//
//   // once, anywhere in a React 19 project (e.g. src/env.d.ts or main.tsx):
//   import type {} from 'yinyom/jsx';
//
// Events are not typed as props: `yinyom-ready` and `yinyom-change` are dispatched on the
// element (bubbling, composed) and reach `window`; listen through a ref, on `window`, or use
// `onConsent()`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { YinyomConsentAttributes } from './attributes.js';
import type { YinyomConsent } from '../components/consent/yinyom-consent.component.js';

export type { YinyomConsentAttributes } from './attributes.js';

/** React 19 props: the attributes plus `ref`, `key`, `className`, `id`, `style`, `children`, `on…`. */
export type YinyomConsentReactProps = YinyomConsentAttributes &
  DetailedHTMLProps<HTMLAttributes<YinyomConsent>, YinyomConsent>;

declare module 'react' {
  // React 19 types JSX under React.JSX; the global JSX namespace is gone.
  namespace JSX {
    interface IntrinsicElements {
      'yinyom-consent': YinyomConsentReactProps;
    }
  }
}
