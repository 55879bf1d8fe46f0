// @ts-check
import { defineConfig } from 'astro/config';

// Nothing to configure: <yinyom-consent> is a plain custom element, rendered as HTML by Astro
// and upgraded in the browser by `import 'yinyom/define'` (src/layouts/Base.astro).
export default defineConfig({});
