// What the framework tests share: a fresh notice per test, under a cookie of its own, and a
// choice record that grants everything, for driving the gate alone.
import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import type { YinyomConsent } from '../../src/index.js';

let counter = 0;
const cookies: string[] = [];

/** A connected `<yinyom-consent>` asking about analytics and marketing, with no stored choice. */
export async function notice(prefix: string): Promise<YinyomConsent> {
  const name = `yinyom-${prefix}-${Date.now()}-${counter++}`;
  cookies.push(name);
  const el = await fixture<YinyomConsent>(
    html`<yinyom-consent cookie-name=${name} categories="analytics marketing"></yinyom-consent>`,
  );
  await el.updateComplete;
  return el;
}

/** Deletes the consent cookies the notices of this file wrote (for afterEach). */
export function forgetNotices(): void {
  for (const name of cookies.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
}

/** Two animation frames: mutation observers and layout have run. */
export const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** A choice that grants every category. */
export const everything = (): ConsentRecord => ({
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  revision: '1',
  language: 'th',
  givenAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  method: 'accept-all',
  categories: { necessary: true, functional: true, analytics: true, marketing: true },
});
