// What a React 19 + TypeScript project gets from `import type {} from 'yinyom/jsx'`:
// React.JSX.IntrinsicElements['yinyom-consent']. Checked by `tsc -p tsconfig.examples.json`
// (and by the main typecheck, which includes test/); every @ts-expect-error must stay an error.
// The same props in JSX syntax are checked in examples/react/App.tsx. (Plain .ts, not .tsx:
// tsconfig.json includes test/ and has no "jsx" option.)
import type {} from '../../src/frameworks/jsx.js';
import type { RefObject } from 'react';
import type { YinyomConsent } from '../../src/index.js';

type Props = React.JSX.IntrinsicElements['yinyom-consent'];

declare const consentRef: RefObject<YinyomConsent | null>;
declare const inputRef: RefObject<HTMLInputElement | null>;

export const everyAttribute: Props = {
  ref: consentRef,
  className: 'site-consent',
  id: 'consent',
  children: 'children are allowed',
  lang: 'th',
  'policy-url': '/privacy',
  org: 'สำนักงานเขตดอนเมือง',
  categories: 'analytics marketing',
  revision: '2',
  'expires-days': 365,
  'cookie-name': 'consent',
  'cookie-domain': '.example.go.th',
  position: 'center',
  theme: 'dark',
  'consent-mode': 'off',
  'respect-gpc': 'on',
  'log-url': '/api/consent',
  'no-settings-button': true,
  'reload-on-withdrawal': 'off',
  'clear-cookies': 'analytics:_hj* marketing:_tt_*',
};
export const regionTag: Props = { lang: 'en-GB', 'expires-days': '30', 'no-settings-button': false };
export const positions: NonNullable<Props['position']>[] = ['bottom', 'top', 'center'];
export const themes: NonNullable<Props['theme']>[] = ['light', 'dark', 'auto'];

// ---- must not compile ------------------------------------------------------------------

// @ts-expect-error -- 'left' is not a position (bottom, top, center)
export const badPosition: Props = { position: 'left' };

// @ts-expect-error -- 'blue' is not a theme (light, dark, auto)
export const badTheme: Props = { theme: 'blue' };

// @ts-expect-error -- switches take 'on' / 'off', not booleans
export const badSwitch: Props = { 'consent-mode': false };

// @ts-expect-error -- every switch takes 'on' / 'off', reload-on-withdrawal too
export const badReload: Props = { 'reload-on-withdrawal': 'never' };

// @ts-expect-error -- no-settings-button is a boolean attribute
export const badBoolean: Props = { 'no-settings-button': 'yes' };

// @ts-expect-error -- camelCase is the JS property, not an attribute: write policy-url
export const camelCase: Props = { policyUrl: '/privacy' };

// @ts-expect-error -- the ref is a YinyomConsent, not an <input>
export const wrongRef: Props = { ref: inputRef };
