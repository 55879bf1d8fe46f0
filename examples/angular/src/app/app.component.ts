import { CUSTOM_ELEMENTS_SCHEMA, Component, DestroyRef, inject, signal } from '@angular/core';
import { onConsent, showPreferences } from 'yinyom';

@Component({
  selector: 'app-root',
  templateUrl: './app.component.html',
  // Lets the template use <yinyom-consent>, which Angular does not know (it is registered by
  // `import 'yinyom/define'` in main.ts). Without it, `ng build` fails with
  // "'yinyom-consent' is not a known element". It also lets through misspelled attributes,
  // so check the names against the README's attribute table.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
})
export class AppComponent {
  /** The gated frame's address, written as `data-src`: yinyom copies it to `src` once marketing is allowed. */
  protected readonly videoUrl = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ';

  /** Shown in the page, so you can see when the callback ran. */
  protected readonly analyticsAllowed = signal(false);

  /** Opens yinyom's preferences dialog (the same as the footer link's data-yinyom-open). */
  protected readonly showPreferences = showPreferences;

  constructor() {
    // Runs once analytics is granted: at once if the visitor allowed it on an earlier visit,
    // otherwise after the choice. Start code that needs consent here (the gtag tags in
    // index.html start by themselves). The returned function cancels the wait; DestroyRef
    // calls it if this component goes away first, so a closed view starts nothing later.
    const stop = onConsent('analytics', () => this.analyticsAllowed.set(true));
    inject(DestroyRef).onDestroy(stop);
  }
}
