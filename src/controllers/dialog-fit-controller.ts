import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The preferences' buttons stick to the bottom of the dialog, in reach however long the
 * text, unless they would take more than a third of it: at 400 % zoom (320×200 CSS px) or
 * with text-only zoom at 200 % on a phone they would cover the switches and the close
 * button. Then they scroll with the text. A media query cannot tell: it sees neither the
 * page's root font size nor the dialog's own height, so the sizes are read here, after the
 * browser's layout.
 */
export class DialogFitController implements ReactiveController {
  private readonly _size = new ResizeObserver(() => {
    const dialog = this._dialog();
    const actions = dialog?.querySelector<HTMLElement>('.actions');
    if (dialog && actions) dialog.classList.toggle('loose', actions.offsetHeight * 3 > dialog.clientHeight);
  });
  private _observed?: Element;

  constructor(
    host: ReactiveControllerHost,
    private readonly _dialog: () => HTMLDialogElement | null,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const actions = this._dialog()?.querySelector('.actions') ?? undefined;
    if (actions === this._observed) return;
    this._size.disconnect();
    this._observed = actions;
    if (!actions) return;
    // The dialog's size follows the viewport; the buttons' follows the text size.
    this._size.observe(actions);
    this._size.observe(this._dialog()!);
  }

  hostDisconnected(): void {
    this._size.disconnect();
    this._observed = undefined;
  }
}
