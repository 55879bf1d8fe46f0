import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ScrollPaddingOptions {
  /** The banner while it shows, or undefined. */
  readonly banner: () => HTMLElement | undefined;
  /** The viewport edge the banner sits on; `center` covers none. */
  readonly edge: () => 'top' | 'bottom' | 'center';
}

/**
 * While the banner covers an edge of the viewport, the page scrolls focused elements clear
 * of it (WCAG 2.4.11, focus not obscured). Scroll padding alone cannot lift the end of the
 * page above a bottom banner (there is nothing further to scroll to), so the page also gets
 * that much room at its end. The page's own values come back after.
 */
export class ScrollPaddingController implements ReactiveController {
  private _observed?: HTMLElement;
  // Sizes are read only here, after the browser's own layout: reading them while rendering
  // would force a synchronous layout of the whole page.
  private readonly _size = new ResizeObserver(([entry]) =>
    this._pad(entry?.target.isConnected ? entry.target : undefined),
  );
  /** The page's own inline values of what was set, to put back. */
  private _saved: Array<[string, string]> = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly _options: ScrollPaddingOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const banner = this._options.banner();
    if (banner === this._observed) return;
    this._size.disconnect();
    // Observing reports the first size after the next layout; until then, no padding.
    if (banner) this._size.observe(banner);
    else this._pad(undefined);
    this._observed = banner;
  }

  hostDisconnected(): void {
    this._size.disconnect();
    this._observed = undefined;
    this._pad(undefined);
  }

  private _pad(banner: Element | undefined): void {
    const html = document.documentElement;
    for (const saved of this._saved.splice(0)) html.style.setProperty(...saved);
    if (!banner) return;
    const box = banner.getBoundingClientRect();
    // A centred banner docks to the bottom edge on a phone, and covers it as a bottom one does.
    let edge = this._options.edge();
    if (edge === 'center' && box.bottom >= innerHeight - 1) edge = 'bottom';
    if (edge === 'center') return;
    const room = Math.ceil(box.height) + 16;
    // Room at the start would push the whole page down (a layout shift): only the end gets it.
    const values: Array<[string, string]> = [[`scroll-padding-${edge}`, `${room}px`]];
    if (edge === 'bottom') values.push(['padding-bottom', `calc(${getComputedStyle(html).paddingBottom} + ${room}px)`]);
    for (const [property, value] of values) {
      this._saved.push([property, html.style.getPropertyValue(property)]);
      html.style.setProperty(property, value);
    }
  }
}
