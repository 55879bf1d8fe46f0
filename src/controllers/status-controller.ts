import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A short message for every visitor, sighted or not, rendered in a live region; gone after 5 s. */
export class StatusController implements ReactiveController {
  text = '';
  /** Said for screen readers only: what it says is already in sight. */
  quiet = false;
  private _timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  say(text: string, quiet = false): void {
    this.text = text;
    this.quiet = quiet;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this.text = '';
      this._host.requestUpdate();
    }, 5000);
    this._host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
  }
}
