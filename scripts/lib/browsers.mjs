// @ts-check
/**
 * The browsers every tool here runs: Debian's packages, never downloaded builds (see
 * README "Contributing"). One place for their paths, the packages that provide them, the
 * flags we launch Chromium with, and the YINYOM_BROWSERS parsing. Used by
 * web-test-runner.config.mjs (through test/runner/launchers.mjs), scripts/test.mjs, the
 * e2e drivers (test/e2e/chromium.mjs, firefox.mjs), bench/run.mjs and scripts/screenshot.mjs.
 */

/** Where Debian 12 installs each browser (fixed: the web-test-runner run always uses these). */
export const BINARIES = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  miniBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
};

export const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];

/** What each engine needs on disk, as [binary, Debian package]. */
export const REQUIRED = {
  chromium: [[BINARIES.chromium, 'chromium']],
  firefox: [[BINARIES.firefox, 'firefox-esr']],
  webkit: [
    [BINARIES.webkitDriver, 'webkit2gtk-driver'],
    [BINARIES.miniBrowser, 'webkit2gtk-driver'],
  ],
};

/** The one command that installs all of them (and what WebKit and the Thai text need). */
export const APT_ALL =
  'apt-get update && apt-get install -y --no-install-recommends chromium firefox-esr webkit2gtk-driver xvfb xauth fonts-thai-tlwg';

/**
 * The engines named by YINYOM_BROWSERS (a comma list; unset or empty = all three), in the
 * order given. Throws when a name is unknown or the list is empty (e.g. ",").
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function parseEngines(value = process.env.YINYOM_BROWSERS) {
  const engines = (value || ALL_ENGINES.join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (engines.length === 0 || engines.some((e) => !ALL_ENGINES.includes(e))) {
    throw new Error(`YINYOM_BROWSERS must be a comma list of ${ALL_ENGINES.join(', ')} (got "${value}").`);
  }
  return engines;
}

/** Keep Chromium from calling Google's hosts (update checks, sync), which CI's network refuses. */
export const QUIET_CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Flags for the Chromium that our own Node scripts launch (e2e, screenshots, bench). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_ARGS, '--no-first-run'];

/** Chromium for the Node-driven tools: CHROMIUM_PATH, else Debian's. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? BINARIES.chromium;

/** Firefox for the e2e suite: YINYOM_E2E_FIREFOX, else Debian's ESR. */
export const firefoxPath = () => process.env.YINYOM_E2E_FIREFOX ?? BINARIES.firefox;
