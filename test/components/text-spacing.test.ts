// Text spacing (WCAG 1.4.12): line height 1.5, letter spacing 0.12 em, word spacing 0.16 em
// and paragraph spacing 2 em, as the usual bookmarklet (Steve Faulkner's) injects them. Page
// styles stop at the shadow root, but the three inherited properties reach the notice through
// its host, which `*` matches; the notice must not reset them on the way. A user style sheet
// (Firefox) reaches every element, paragraphs included: then nothing may clip.
import { expect } from '@open-wc/testing';
import { frameAt, removeFrames } from '../helpers/frame.js';
import type { YinyomConsent } from '../../src/index.js';

const SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
  ' p { margin-bottom: 2em !important; }';

// A declared cookie, so that the preferences hold a cookie table (opened below) as well.
const texts = JSON.stringify({
  cookies: {
    analytics: [
      {
        name: '_ga_2F8XK4QZ7L',
        provider: 'Google Analytics',
        purpose: { th: 'แยกผู้เข้าชมแต่ละคนเพื่อนับสถิติการเข้าชม', en: 'Tells visitors apart to count visits' },
        lifetime: { th: '2 ปี', en: '2 years' },
      },
    ],
  },
});
let counter = 0;
const markup = (lang: string) =>
  `<yinyom-consent cookie-name="yinyom-spacing-${Date.now()}-${counter++}" lang="${lang}" org="สำนักงานเขตดอนเมือง" categories="functional analytics marketing" policy-url="/privacy"><script type="application/json" data-yinyom-texts>${texts}</script></yinyom-consent>`;
const frames = (win: Window) =>
  new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
const px = (value: string) => (value === 'normal' ? 0 : parseFloat(value));

type View = 'banner' | 'preferences';
type Override = 'none' | 'page' | 'user';

/** The notice in a `width`×`height` frame, showing `view`, with the spacing applied as `override` says. */
async function notice(width: number, height: number, lang: string, view: View, override: Override) {
  const { win, el } = await frameAt(width, height, markup(lang));
  if (view === 'preferences') {
    await el.showPreferences();
    for (const details of Array.from(el.shadowRoot!.querySelectorAll('details'))) details.open = true;
  }
  const root = el.shadowRoot!;
  if (override === 'page') {
    // The bookmarklet: a style element in the page's head.
    const style = win.document.createElement('style');
    style.textContent = SPACING;
    win.document.head.append(style);
  } else if (override === 'user') {
    // A user style sheet matches inside shadow roots too, and its !important outranks the
    // notice's rules: the same rules placed in the shadow root itself do what it does. Put
    // before Lit's content, which Lit never touches.
    const style = win.document.createElement('style');
    style.textContent = SPACING;
    root.prepend(style);
  }
  await frames(win);
  const box = root.querySelector<HTMLElement>(view === 'banner' ? '[part~="banner"]' : 'dialog')!;
  return { win, el, root, box };
}

/** The elements of `box` that hold text of their own, buttons included. */
function textCarriers(box: HTMLElement): HTMLElement[] {
  return Array.from(box.querySelectorAll<HTMLElement>('*')).filter(
    (node) =>
      node.localName === 'button' ||
      Array.from(node.childNodes).some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim()),
  );
}

const name = (node: Element) => `${node.localName}${node.getAttribute('part') ? `[${node.getAttribute('part')}]` : ''}`;

/** The spacing each text carrier computes, where it differs from what the page asked for. */
function spacingMismatches(el: YinyomConsent, box: HTMLElement): string[] {
  const win = el.ownerDocument.defaultView!;
  const host = win.getComputedStyle(el);
  const hostSize = px(host.fontSize);
  const wrong: string[] = [];
  // The host is matched by `*`: 0.12 em and 0.16 em of its font size, in px, inherited as such.
  if (Math.abs(px(host.letterSpacing) - 0.12 * hostSize) > 0.5) wrong.push(`host letter-spacing ${host.letterSpacing}`);
  if (Math.abs(px(host.wordSpacing) - 0.16 * hostSize) > 0.5) wrong.push(`host word-spacing ${host.wordSpacing}`);
  for (const node of textCarriers(box)) {
    const style = win.getComputedStyle(node);
    const size = px(style.fontSize);
    if (Math.abs(px(style.letterSpacing) - px(host.letterSpacing)) > 0.5)
      wrong.push(`${name(node)} letter-spacing ${style.letterSpacing}`);
    if (Math.abs(px(style.wordSpacing) - px(host.wordSpacing)) > 0.5)
      wrong.push(`${name(node)} word-spacing ${style.wordSpacing}`);
    if (Math.abs(px(style.lineHeight) - 1.5 * size) > 0.5)
      wrong.push(`${name(node)} line-height ${style.lineHeight} at ${style.fontSize}`);
  }
  return wrong;
}

/** What the layout cuts off or pushes sideways out of `box`. */
function clipped(root: ShadowRoot, box: HTMLElement): string[] {
  const cut: string[] = [];
  const edges = box.getBoundingClientRect();
  if (box.scrollWidth > box.clientWidth + 1)
    cut.push(`${name(box)} scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`);
  // Taller is fine, as long as the rest can be scrolled to.
  const overflowY = box.ownerDocument.defaultView!.getComputedStyle(box).overflowY;
  if (box.scrollHeight > box.clientHeight + 1 && overflowY !== 'auto' && overflowY !== 'scroll')
    cut.push(`${name(box)} cuts off ${box.scrollHeight - box.clientHeight} px (overflow-y: ${overflowY})`);
  for (const button of Array.from(box.querySelectorAll('button'))) {
    if (button.scrollWidth > button.clientWidth + 1 || button.scrollHeight > button.clientHeight + 1)
      cut.push(
        `${name(button)} overflows: ${button.scrollWidth}×${button.scrollHeight} in ${button.clientWidth}×${button.clientHeight}`,
      );
    const range = button.ownerDocument.createRange();
    range.selectNodeContents(button);
    const text = range.getBoundingClientRect();
    const own = button.getBoundingClientRect();
    if (text.left < own.left - 1 || text.right > own.right + 1)
      cut.push(
        `${name(button)} text ${Math.round(text.left)}–${Math.round(text.right)} outside ${Math.round(own.left)}–${Math.round(own.right)}`,
      );
  }
  for (const part of ['language-button', 'close-button']) {
    const button = root.querySelector(`[part~="${part}"]`);
    if (!button || !box.contains(button)) continue;
    const { left, right } = button.getBoundingClientRect();
    if (left < edges.left || right > edges.right)
      cut.push(
        `${part} ${Math.round(left)}–${Math.round(right)} outside ${Math.round(edges.left)}–${Math.round(edges.right)}`,
      );
  }
  return cut;
}

describe('text spacing (WCAG 1.4.12)', () => {
  afterEach(removeFrames);

  for (const [width, height] of [
    [375, 667],
    [320, 640],
  ])
    for (const lang of ['th', 'en'])
      for (const view of ['banner', 'preferences'] as const) {
        const where = `${view}, ${lang}, ${width}×${height}`;

        it(`the page's spacing reaches every text and button of the ${where}, and nothing clips`, async () => {
          const { el, root, box } = await notice(width, height, lang, view, 'page');
          if (view === 'preferences')
            expect(box.querySelector('details[open] td'), 'a cookie table').to.not.equal(null);
          expect(spacingMismatches(el, box).join('; '), 'spacing not inherited').to.equal('');
          expect(clipped(root, box).join('; '), 'clipped').to.equal('');
        });

        it(`with the spacing on every element, paragraphs included (a user style sheet), nothing in the ${where} clips`, async () => {
          const { win, root, box } = await notice(width, height, lang, view, 'user');
          const style = win.getComputedStyle(box.querySelector('p')!);
          expect(px(style.marginBottom), 'paragraph spacing applied').to.be.closeTo(2 * px(style.fontSize), 0.5);
          expect(clipped(root, box).join('; '), 'clipped').to.equal('');
        });
      }

  it("the page's spacing reaches the settings button shown after a choice", async () => {
    const { el, root } = await notice(375, 667, 'th', 'banner', 'page');
    el.acceptAll();
    await el.updateComplete;
    const button = root.querySelector<HTMLElement>('[part~="settings-button"]')!;
    expect(spacingMismatches(el, button.parentElement!).join('; '), 'spacing not inherited').to.equal('');
    expect(button.scrollWidth).to.be.at.most(button.clientWidth + 1);
  });

  // The notice's own look when nothing overrides it: spacing as the fonts have it, and
  // line-height 1.6 for every text, the heading included, for Thai vowels and tone marks.
  for (const lang of ['th', 'en'])
    for (const view of ['banner', 'preferences'] as const)
      it(`without an override the ${view} keeps its own spacing (${lang})`, async () => {
        const { win, box } = await notice(375, 667, lang, view, 'none');
        for (const node of textCarriers(box)) {
          const style = win.getComputedStyle(node);
          expect(px(style.lineHeight), `${name(node)} line-height`).to.be.closeTo(1.6 * px(style.fontSize), 0.5);
          expect(px(style.letterSpacing), `${name(node)} letter-spacing`).to.equal(0);
          expect(px(style.wordSpacing), `${name(node)} word-spacing`).to.equal(0);
        }
      });
});
