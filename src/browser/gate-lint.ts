import { OPTIONAL_CATEGORIES } from '../core/categories.js';
import { isGranted, type ConsentRecord } from '../core/consent-record.js';
import { GATE_STATE, GATED_SELECTOR, categoryTokens } from '../core/gate-rules.js';

// The gate's lint: mistakes in the page's markup that would run a tracker without consent
// or keep a gated element inert for ever, each said once on the console with its fix.

export interface LintContext {
  readonly root: Document;
  readonly consent: ConsentRecord | null;
  /** The optional categories the site asks about (all, until it knows). */
  readonly categories?: readonly string[];
  /** Elements already reported; report() adds to it. */
  readonly reported: WeakSet<Element>;
  readonly report: (element: Element, level: 'warn' | 'error', ...message: unknown[]) => void;
}

/** Links that make the browser fetch a URL ahead of its use, before any choice (next/script adds one). */
export const FETCHED_AHEAD = 'link[href]:is([rel~="preload" i],[rel~="modulepreload" i],[rel~="prefetch" i])';

/** Elements that carry `data-consent` but are live already: they ran or loaded before any choice. */
const LIVE_BUT_MARKED = `script[data-consent]:not([${GATE_STATE}]),iframe[data-consent][src]:not([${GATE_STATE}])`;

/**
 * Trackers that must never run before consent, by where they load from: an ungated one
 * is a webmaster's mistake worth one console warning. Category is the one to gate it by.
 */
const TRACKERS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/googletagmanager\.com\/(gtag\/js|gtm\.js)|google-analytics\.com\//, 'Google Analytics / Tag Manager', 'analytics'],
  [/connect\.facebook\.net\/|facebook\.com\/tr/, 'Meta pixel', 'marketing'],
  [/\/(matomo|piwik)\.js|cdn\.matomo\.cloud\//, 'Matomo', 'analytics'],
  [/static\.hotjar\.com\//, 'Hotjar', 'analytics'],
  [/analytics\.tiktok\.com\//, 'TikTok pixel', 'marketing'],
  [/clarity\.ms\//, 'Microsoft Clarity', 'analytics'],
  [
    /(youtube(-nocookie)?\.com\/embed|player\.vimeo\.com|google\.[a-z.]+\/maps\/embed|facebook\.com\/plugins)/,
    'embedded content',
    'marketing',
  ],
];

/** What a tracker-looking URL is, or undefined. */
export function knownTracker(url: string): readonly [name: string, category: string] | undefined {
  const found = TRACKERS.find(([pattern]) => pattern.test(url));
  return found && [found[1], found[2]];
}

/** The webmaster's mistakes the markup shows: each reported once, with the fix. */
export function lintMarkup(context: LintContext): void {
  const { root, reported, report } = context;
  const inUse = context.categories ?? OPTIONAL_CATEGORIES;
  for (const element of Array.from(root.querySelectorAll<HTMLElement>(GATED_SELECTOR))) {
    if (reported.has(element) || element.hasAttribute(GATE_STATE)) continue;
    const spec = element.getAttribute('data-consent')!;
    const tokens = categoryTokens(spec);
    const wrong = tokens.find((token) => !inUse.includes(token.replace(/^!/, '')) && token !== 'necessary');
    if (!tokens.length || wrong) {
      const name = wrong?.replace(/^!/, '');
      report(
        element,
        'error',
        `yinyom: data-consent="${spec}" ` +
          (!wrong
            ? 'names no category, so this element never runs.'
            : (OPTIONAL_CATEGORIES as readonly string[]).includes(name!)
              ? `names "${name}", which this site does not ask about (categories="${inUse.join(' ')}"). Add it to the categories attribute.`
              : `names "${name}", which is not a category. Use ${OPTIONAL_CATEGORIES.map((c) => `"${c}"`).join(', ')}.`),
      );
    }
  }
  for (const element of Array.from(root.querySelectorAll<HTMLElement>(LIVE_BUT_MARKED))) {
    if (reported.has(element)) continue;
    if (element instanceof HTMLScriptElement) {
      // A data-consent script whose type the browser runs already ran before any choice.
      if (element.type && !/^(text\/javascript|module|application\/javascript)$/i.test(element.type)) continue;
      report(
        element,
        'error',
        'yinyom: this <script> has data-consent but ran before any choice: gating needs type="text/plain". Write <script type="text/plain" data-consent="…">.',
      );
    } else if (!/^about:blank$/i.test(element.getAttribute('src')!)) {
      report(
        element,
        'error',
        'yinyom: this <iframe> has data-consent but a src, so it loaded before any choice. Rename src to data-src.',
      );
    }
  }
  warnUngated(context);
  warnFetchedAhead(context);
}

/**
 * A preload of a gated script fetches it before consent, which reaches the tracker's
 * server as surely as running it: next/script adds one for <Script type="text/plain" src>.
 */
function warnFetchedAhead({ root, reported, report, consent }: LintContext): void {
  const url = (value: string | null) => {
    try {
      return new URL(value ?? '', root.baseURI).href;
    } catch {
      return undefined;
    }
  };
  const gated = new Set(
    Array.from(
      root.querySelectorAll<HTMLScriptElement>(`script[type="text/plain"][data-consent][src]:not([${GATE_STATE}])`),
      (script) => url(script.getAttribute('src')),
    ),
  );
  for (const link of Array.from(root.querySelectorAll<HTMLLinkElement>(FETCHED_AHEAD))) {
    if (reported.has(link)) continue;
    const href = url(link.getAttribute('href'));
    const tracker = href ? knownTracker(href) : undefined;
    if (href && gated.has(href)) {
      report(
        link,
        'error',
        `yinyom: this <link rel="${link.rel}"> fetches the gated script ${href} before any choice, so its server sees the visit without consent. ` +
          'Remove the preload. In Next.js, write a plain <script type="text/plain" data-consent="…" src="…"> instead of next/script, which adds one.',
      );
    } else if (tracker && !isGranted(consent, tracker[1])) {
      report(
        link,
        'warn',
        `yinyom: this <link rel="${link.rel}"> fetches ${tracker[0]} before consent. Remove it: the gated script loads the file once allowed.`,
      );
    }
  }
}

/** One warning per tracker script or frame that runs without being gated, before its consent. */
function warnUngated({ root, reported, report, consent }: LintContext): void {
  for (const element of Array.from(
    root.querySelectorAll<HTMLScriptElement | HTMLIFrameElement>('script[src],iframe[src]'),
  )) {
    if (reported.has(element) || element.hasAttribute(GATE_STATE) || element.hasAttribute('data-consent')) continue;
    if (
      element instanceof HTMLScriptElement &&
      element.type &&
      !/^(text\/javascript|module|application\/javascript)$/i.test(element.type)
    )
      continue;
    const tracker = knownTracker(element.getAttribute('src')!);
    // Once its category is granted, a tracker is allowed to be there — including the one
    // a revived snippet inserts itself (gtag.js, fbevents.js).
    if (!tracker || isGranted(consent, tracker[1])) continue;
    const [name, category] = tracker;
    const tag = element.localName;
    report(
      element,
      'warn',
      `yinyom: this <${tag}> loads ${name} without consent:`,
      tag === 'script'
        ? `Gate it: <script type="text/plain" data-consent="${category}" src="…">.`
        : `Gate it: <iframe data-consent="${category}" data-src="…">.`,
    );
  }
}
