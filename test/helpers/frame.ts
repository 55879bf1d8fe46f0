import type { YinyomConsent } from '../../src/index.js';

type AxeResult = { violations: Array<{ id: string; help: string; nodes: unknown[] }> };
export type FrameWindow = Window &
  typeof globalThis & { axe: { run(context: Element, options?: object): Promise<AxeResult> } };

const frames: HTMLIFrameElement[] = [];

/** A page `width` px wide holding `markup`, with yinyom and axe loaded inside it. */
export async function frameAt(
  width: number,
  height: number,
  markup: string,
): Promise<{ win: FrameWindow; el: YinyomConsent }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `position: fixed; top: 0; left: 0; width: ${width}px; height: ${height}px; border: 0; z-index: 1;`;
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/test/fixtures/frame.html';
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  await win.customElements.whenDefined('yinyom-consent');
  win.document.body.innerHTML = markup;
  const el = win.document.querySelector('yinyom-consent') as YinyomConsent;
  await el.updateComplete;
  await new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
  return { win, el };
}

export function removeFrames(): void {
  for (const frame of frames.splice(0)) frame.remove();
}

/** axe-core run inside the frame; resolves to the rule ids that failed, with their help text. */
export async function axeViolations(win: FrameWindow, el: Element): Promise<string[]> {
  const { violations } = await win.axe.run(el, { resultTypes: ['violations'] });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
