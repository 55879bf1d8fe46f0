// What a Vue 3 + TypeScript project gets from `import type {} from 'yinyom/vue'`: the element
// registered in GlobalComponents, which vue-tsc and the Vue - Official extension use to check
// templates. Props are camelCase because vue-tsc camelizes template attributes before the
// lookup: `policy-url="/privacy"` in a template checks as policyUrl. Checked by
// `tsc -p tsconfig.examples.json` (and by the main typecheck, which includes test/).
import type {} from '../../src/frameworks/vue.js';
import type { AllowedComponentProps, GlobalComponents, VNodeProps } from 'vue';

type Props = InstanceType<GlobalComponents['yinyom-consent']>['$props'];

export const every: Props = {
  lang: 'th-TH',
  policyUrl: '/privacy',
  org: 'สำนักงานเขตดอนเมือง',
  categories: 'analytics marketing',
  revision: '2',
  expiresDays: '365',
  cookieName: 'consent',
  cookieDomain: '.example.go.th',
  position: 'top',
  theme: 'auto',
  consentMode: 'on',
  respectGpc: 'off',
  logUrl: '/api/consent',
  noSettingsButton: true,
  reloadOnWithdrawal: 'off',
  clearCookies: 'analytics:_hj*',
};
export const bare: Props = { noSettingsButton: '' };
export const unset: Props = { noSettingsButton: null };
export const fallthrough: Props & AllowedComponentProps & VNodeProps = { class: 'site-consent', key: 'consent' };

// ---- must not compile ------------------------------------------------------------------

// @ts-expect-error -- 'left' is not a position
export const badPosition: Props = { position: 'left' };

// @ts-expect-error -- 'blue' is not a theme
export const badTheme: Props = { theme: 'blue' };

// @ts-expect-error -- switches take 'on' / 'off'
export const badSwitch: Props = { respectGpc: true };

// @ts-expect-error -- switches take 'on' / 'off', reload-on-withdrawal too
export const badReload: Props = { reloadOnWithdrawal: 'never' };

// @ts-expect-error -- Vue would set no-settings-button="false", which hides the button: bind null instead
export const falseBoolean: Props = { noSettingsButton: false };

// @ts-expect-error -- unknown attribute
export const unknownAttribute: Props = { policyUri: '/privacy' };

// ---- the gate's attributes on the page's own elements (strictTemplates) ------------------
import type { IframeHTMLAttributes, AnchorHTMLAttributes } from 'vue';

export const frame: IframeHTMLAttributes = {
  'data-consent': 'marketing',
  'data-src': 'https://www.youtube-nocookie.com/embed/x',
};
export const opener: AnchorHTMLAttributes = { href: '#', 'data-yinyom-open': '' };
// @ts-expect-error -- data-consent is a string of category names
export const badConsent: IframeHTMLAttributes = { 'data-consent': true };
