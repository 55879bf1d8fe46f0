import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ScrollPaddingOptions {
  /** The banner while it shows, or undefined. */
  readonly banner: () => HTMLElement | undefined;
  /** The viewport edge the banner sits on; `center` covers none. */
  readonly edge: () => 'top' | 'bottom' | 'center';
}

/**
 * While the banner covers an edge of the viewport, the page scrolls focused elements clear
 * of it (WCAG 2.4.11, focus not obscured); the page's own scroll padding comes back after.
 */
export class ScrollPaddingController implements ReactiveController {
  private _observed?: HTMLElement;
  // Sizes are read only here, after the browser's own layout: reading offsetHeight while
  // rendering would force a synchronous layout of the whole page.
  private readonly _size = new ResizeObserver(([entry]) =>
    this._pad(entry?.target.isConnected ? entry.borderBoxSize[0]?.blockSize : undefined),
  );
  /** The page's own scroll padding on the banner's edge, to put back. */
  private _saved?: [string, string];

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

  private _pad(bannerHeight: number | undefined): void {
    const style = document.documentElement.style;
    if (this._saved) style.setProperty(...this._saved);
    this._saved = undefined;
    const edge = this._options.edge();
    if (bannerHeight === undefined || edge === 'center') return;
    const property = `scroll-padding-${edge}`;
    this._saved = [property, style.getPropertyValue(property)];
    style.setProperty(property, `${Math.ceil(bannerHeight) + 16}px`);
  }
}
