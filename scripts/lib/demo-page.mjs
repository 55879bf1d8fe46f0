// The demo page (demo/index.html) as the screenshots and test/e2e/demo.chromium.test.mjs drive
// it: one list of selectors, one way to wait for the notice to have read the stored choice.

export const DEMO = {
  banner: 'yinyom-consent [part~="banner"]',
  title: 'yinyom-consent [part~="banner"] [part~="title"]',
  text: 'yinyom-consent [part~="banner"] [part~="text"]',
  language: 'yinyom-consent [part~="banner"] [part~="language-button"]',
  accept: 'yinyom-consent [part~="banner"] [part~="accept-button"]',
  reject: 'yinyom-consent [part~="banner"] [part~="reject-button"]',
  preferences: 'yinyom-consent [part~="banner"] [part~="preferences-button"]',
  dialog: 'yinyom-consent dialog',
  settings: 'yinyom-consent [part~="settings-button"]',
  statusMessage: 'yinyom-consent [part~="status"]',
  footerOpen: 'footer [data-yinyom-open]',
  status: '#gated-status',
  record: '#consent-record',
};

/** The demo page writes the consent record into its <pre> on yinyom-ready. */
export async function waitForDemoReady(page) {
  await page.waitForFunction(
    (selector) => {
      const pre = document.querySelector(selector);
      return Boolean(window.yinyom && pre && !pre.textContent.startsWith('กำลังโหลด'));
    },
    DEMO.record,
    { timeout: 10_000 },
  );
}
