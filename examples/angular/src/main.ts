// Registers <yinyom-consent> (a Lit custom element). main.ts is the browser entry: with SSR,
// the server starts from main.server.ts and never runs this line, which is what we want.
import 'yinyom/define';

import { provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';

// No zone.js: Angular 21 is zoneless by default. yinyom's callbacks run outside Angular, so
// the component keeps its state in a signal, which schedules the re-render by itself.
bootstrapApplication(AppComponent, {
  providers: [provideBrowserGlobalErrorListeners()],
}).catch((error: unknown) => console.error(error));
