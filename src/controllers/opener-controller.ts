import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Makes every element of the page with `data-yinyom-open` (a footer link "Cookie settings")
 * open the preferences, wherever and whenever the page adds it: one listener, no scan.
 */
export class OpenerController implements ReactiveController {
  private _warned = false;
  private _checking = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly _open: () => void,
    /** Whether the floating settings button shows (so the page needs no opener of its own). */
    private readonly _settingsButton: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this._checking = true;
    // Capture, on window: the opener must win the click before a client router (Astro's,
    // Next's Link) sees it bubble and swaps the page. Routers skip default-prevented clicks.
    window.addEventListener('click', this._handleClick, true);
  }

  /** After the first update, which reads the configuration; once the page is parsed. */
  hostUpdated(): void {
    if (!this._checking) return;
    this._checking = false;
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', this._checkWithdrawal, { once: true });
    else this._checkWithdrawal();
  }

  hostDisconnected(): void {
    window.removeEventListener('click', this._handleClick, true);
  }

  /**
   * Changing one's mind must stay as easy as deciding (PDPA s.19): with the floating button
   * hidden, the page itself must offer a way back to the preferences.
   */
  private readonly _checkWithdrawal = (): void => {
    if (this._warned || this._settingsButton() || document.querySelector('[data-yinyom-open]')) return;
    this._warned = true;
    console.warn(
      'yinyom: no-settings-button hides the floating button, and this page has no element with data-yinyom-open, so a visitor ' +
        'who has chosen cannot change their mind. Add <a href="#" data-yinyom-open>ตั้งค่าคุกกี้</a> to the footer, or remove no-settings-button.',
    );
  };

  private readonly _handleClick = (event: MouseEvent): void => {
    const opener = event
      .composedPath()
      .find((node) => node instanceof HTMLElement && node.hasAttribute('data-yinyom-open'));
    if (!opener) return;
    event.preventDefault();
    this._open();
  };
}
