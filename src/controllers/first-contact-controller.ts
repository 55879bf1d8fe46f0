import type { ReactiveController, ReactiveElement } from 'lit';

export interface FirstContactOptions {
  /** The banner while it shows, or undefined. */
  readonly banner: () => HTMLElement | undefined;
  /** Says a text politely in the live region, out of sight (the banner itself is in sight). */
  readonly announce: (banner: HTMLElement) => void;
}

// What a browser's Tab key can land on, near enough to find the page's first stop.
const FOCUSABLE =
  'a[href],button,input:not([type="hidden"]),select,textarea,summary,iframe,[tabindex],[contenteditable]';
/** How long after the banner appears it is announced: a region filled as it is created is often not. */
const ANNOUNCE_DELAY = 1000;

/**
 * The notice is met first, wherever the page put the element (the script appends it to the
 * end of `<body>`; most webmasters place it last too). A visitor's first Tab, while nothing
 * has focus, lands in the banner; after a choice, when the element stands before the page's
 * content, the first Tab goes to the page's own first stop (its skip link), not to the
 * settings button. Either happens once, before any click or focus, so it never takes a
 * visitor away from where they are. Screen-reader users, who may not press Tab, hear the
 * banner's title once, politely, when it appears.
 */
export class FirstContactController implements ReactiveController {
  private _armed = false;
  private _announced?: HTMLElement;
  private _timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly _host: ReactiveElement,
    private readonly _options: FirstContactOptions,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    // Only a page nobody has touched yet: a focus or a click anywhere disarms it for good.
    this._armed = !document.activeElement || document.activeElement === document.body;
    if (!this._armed) return;
    document.addEventListener('keydown', this._handleKey, true);
    document.addEventListener('focusin', this._disarm, true);
    document.addEventListener('pointerdown', this._disarm, true);
  }

  hostUpdated(): void {
    const banner = this._options.banner();
    if (!banner || banner === this._announced) return;
    this._announced = banner;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      if (banner.isConnected && banner === this._options.banner()) this._options.announce(banner);
    }, ANNOUNCE_DELAY);
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
    this._announced = undefined;
    this._disarm();
  }

  private readonly _disarm = (): void => {
    this._armed = false;
    document.removeEventListener('keydown', this._handleKey, true);
    document.removeEventListener('focusin', this._disarm, true);
    document.removeEventListener('pointerdown', this._disarm, true);
  };

  private readonly _handleKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const active = document.activeElement;
    const forward = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (!forward || (active && active !== document.body) || event.defaultPrevented) return this._disarm();
    const target = this._options.banner()?.querySelector<HTMLElement>('button,a[href]') ?? this._pageStart();
    this._disarm();
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  /** The page's first Tab stop when it comes after this element, which would otherwise go first. */
  private _pageStart(): HTMLElement | undefined {
    for (const element of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
      if (element === this._host || this._host.contains(element)) continue;
      if (element.tabIndex < 0 || element.matches(':disabled') || !element.getClientRects().length) continue;
      return this._host.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING ? element : undefined;
    }
    return undefined;
  }
}
