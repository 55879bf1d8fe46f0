// demo/configure.html, the snippet configurator, in Chromium: the generated snippet (exact
// text, for each analytics tool), the SRI hash against openssl's / node's own SHA-384 of
// dist/yinyom.min.js, the version from package.json, inline errors, the live preview (its
// own cookie, re-shown after every change), the copy button, CSP, axe (WCAG 2.2 AA) and
// layout at phone widths. Needs `npm run build`. The tests share one page and run in order:
// each starts from the form the one before left.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startChromium } from './chromium.mjs';
import { BUNDLE, ROOT, requireBundle } from './harness.mjs';

const PAGE = '/demo/configure.html';

// ------------------------------------------------------------------ what the page must say

requireBundle();
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nodeSri = createHash('sha384').update(readFileSync(BUNDLE)).digest('base64');
let opensslSri = null;
try {
  opensslSri = execFileSync('sh', ['-c', 'openssl dgst -sha384 -binary "$1" | openssl base64 -A', 'sh', BUNDLE], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
} catch {
  // no openssl: node:crypto alone (the first test says so)
}
const SRI = `sha384-${opensslSri ?? nodeSri}`;

const SCRIPT = `<script src="https://cdn.jsdelivr.net/npm/yinyom@${version}/dist/yinyom.min.js" integrity="${SRI}" crossorigin="anonymous" defer></script>`;
const FOOTER = `<!-- N. ส่วนท้ายของหน้า (footer): เปิดการตั้งค่าคุกกี้อีกครั้ง · in the footer: reopens the preferences -->
<a href="#" data-yinyom-open>ตั้งค่าคุกกี้</a>`;

/** The snippet the configurator must produce, assembled from README's recipes. */
function expectedSnippet({ element, tool, video }) {
  const parts = [
    `<!-- N. ใน <head> · in <head> -->\n${SCRIPT}`,
    `<!-- N. บรรทัดแรกใน <body> · first thing in <body> -->\n${element}`,
  ];
  if (tool) parts.push(tool);
  if (video) parts.push(video);
  parts.push(FOOTER);
  let n = 0;
  return `${parts.join('\n\n').replace(/<!-- N\./g, () => `<!-- ${(n += 1)}.`)}\n`;
}
const toolComment = (name, category) =>
  `<!-- N. ${name}: ทำงานเมื่อผู้เข้าชมยินยอม "${category}" เท่านั้น · runs only with "${category}" consent -->\n`;

const GA4 = (id) =>
  toolComment('Google Analytics 4', 'analytics') +
  `<script type="text/plain" data-consent="analytics" async src="https://www.googletagmanager.com/gtag/js?id=${id}"></script>
<script type="text/plain" data-consent="analytics">
  window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date()); gtag('config', '${id}');
</script>`;
const GTM = (id) =>
  toolComment('Google Tag Manager', 'analytics') +
  `<script type="text/plain" data-consent="analytics">
  (function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
  var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;
  j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
  })(window,document,'script','dataLayer','${id}');
</script>`;
const MATOMO = (url, site) =>
  toolComment('Matomo', 'analytics') +
  `<script type="text/plain" data-consent="analytics">
  var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); _paq.push(['enableLinkTracking']);
  (function(){ var u='${url}'; _paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '${site}']);
  var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0]; g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s); })();
</script>`;
const META = (id) =>
  toolComment('Meta pixel', 'marketing') +
  `<script type="text/plain" data-consent="marketing">
  !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};
  if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
  t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');
  fbq('init', '${id}'); fbq('track', 'PageView');
</script>`;
const TRUEHITS = (code, page) =>
  toolComment('Truehits', 'analytics') +
  `<script type="text/plain" data-consent="analytics">page=${page};</script>
<script type="text/plain" data-consent="analytics" src="https://lvs.truehits.in.th/datasecure/${code}.js"></script>`;
const YOUTUBE = (id, title) =>
  `<!-- N. วิดีโอ YouTube: โหลดเมื่อผู้เข้าชมยินยอม "marketing" · loads only with "marketing" consent -->
<iframe data-consent="marketing" data-src="https://www.youtube-nocookie.com/embed/${id}"
        title="${title}" width="560" height="315" allowfullscreen></iframe>`;

let axePath = null;
try {
  axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
} catch {
  // the axe tests skip, saying why
}

const SEL = {
  element: 'yinyom-consent',
  banner: 'yinyom-consent [part~="banner"]',
  accept: 'yinyom-consent [part~="banner"] [part~="accept-button"]',
};

/** A fresh page on the configurator, its snippet generated. */
async function openConfigurator(chromium, context) {
  const s = await chromium.open(null, { context: { locale: 'th-TH', ...context } });
  await s.goto(PAGE);
  await s.page.waitForSelector('#snippet[data-ready="true"]', { timeout: 10_000 });
  return s;
}

test(
  'node:crypto and openssl agree on the SHA-384 of dist/yinyom.min.js',
  { skip: opensslSri ? false : 'openssl not available' },
  () => {
    assert.strictEqual(opensslSri, nodeSri);
  },
);

describe('configurator (Chromium)', () => {
  let chromium;
  let s;
  let page;
  let base;
  const snippet = () => page.locator('#snippet').textContent();
  const cookies = async () => Object.fromEntries((await s.context.cookies(base)).map((c) => [c.name, c.value]));
  const settle = () => page.waitForTimeout(600); // past the preview's 350 ms debounce
  const visible = (selector) => page.locator(selector).isVisible();

  before(async () => {
    chromium = await startChromium();
    base = chromium.server.origin;
    s = await chromium.open(null, { context: { viewport: { width: 1280, height: 900 }, locale: 'th-TH' } });
    page = s.page;
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    // Leftover choices from the demo must not hide the preview; and the demo's own cookie
    // must stay untouched by the preview.
    await s.context.addCookies([{ name: 'yinyom', value: 'demo-sentinel', url: base }]);
    await s.goto(PAGE);
    await page.waitForSelector('#snippet[data-ready="true"]', { timeout: 10_000 });
  });
  after(async () => {
    await s?.close();
    await chromium?.close();
  });

  // -------------------------------------------------------------- defaults
  test('default snippet: script tag with version and SRI, bare element, footer link', async () => {
    assert.strictEqual(await snippet(), expectedSnippet({ element: '<yinyom-consent></yinyom-consent>' }));
  });

  test('SRI and version: the hash of the local build, explained; the version from package.json', async () => {
    const text = await snippet();
    assert.strictEqual(
      /integrity="([^"]+)"/.exec(text)?.[1],
      SRI,
      'SRI in the snippet equals openssl dgst -sha384 of dist/yinyom.min.js',
    );
    assert.ok(
      text.includes(`/npm/yinyom@${version}/dist/yinyom.min.js`),
      `version in the CDN URL is package.json's (${version})`,
    );
    const note = await page.locator('#sri-note').textContent();
    assert.match(note, /build ไว้ในเครื่องนี้/, 'the hash is explained as the local build’s (Thai)');
    assert.match(note, /must match the published version/, 'the hash is explained as the local build’s (English)');
  });

  test('the preview: one element, with the preview-only cookie name, its banner shown', async () => {
    assert.strictEqual(await page.locator(SEL.element).count(), 1, 'one preview element');
    assert.strictEqual(
      await page.locator(SEL.element).getAttribute('cookie-name'),
      'yinyom-preview',
      'the preview-only cookie name',
    );
    assert.ok(await visible(SEL.banner), 'the preview banner is shown');
  });

  // -------------------------------------------------------------- GA4, everything filled in
  test('GA4 snippet: non-default attributes escaped, README recipe with the ID, gated YouTube frame', async () => {
    await page.fill('#org', 'เทศบาล "ทดสอบ" & <บ้านสวน>');
    await page.fill('#policy-url', '/privacy');
    await page.check('input[name="category"][value="marketing"]');
    await page.check('input[name="tool"][value="ga4"]');
    await page.fill('#ga4-id', 'g-abc123def4');
    await page.selectOption('#position', 'top');
    await page.selectOption('#theme', 'dark');
    await page.fill('#revision', '2');
    await page.fill('#expires-days', '90');
    await page.fill('#youtube-url', 'https://youtu.be/dQw4w9WgXcQ?t=3');
    await page.fill('#youtube-title', 'วิดีโอ "แนะนำ" <เทศบาล>');
    await page.keyboard.press('Tab');
    await settle();
    const expected = expectedSnippet({
      element:
        '<yinyom-consent policy-url="/privacy" org="เทศบาล &quot;ทดสอบ&quot; &amp; &lt;บ้านสวน&gt;" categories="analytics marketing" position="top" theme="dark" revision="2" expires-days="90"></yinyom-consent>',
      tool: GA4('G-ABC123DEF4'),
      video: YOUTUBE('dQw4w9WgXcQ', 'วิดีโอ &quot;แนะนำ&quot; &lt;เทศบาล&gt;'),
    });
    assert.strictEqual(await snippet(), expected);
  });

  test('a valid form: no error shown; the preview element carries the chosen attributes', async () => {
    assert.strictEqual(await page.locator('.error:not([hidden])').count(), 0, 'no inline error shown for a valid form');
    assert.ok(await page.locator('#problems').isHidden(), 'no problem list shown for a valid form');
    const attributes = await page
      .locator(SEL.element)
      .evaluate((el) => [...el.attributes].map((a) => [a.name, a.value]));
    assert.deepStrictEqual(
      attributes,
      Object.entries({
        'policy-url': '/privacy',
        org: 'เทศบาล "ทดสอบ" & <บ้านสวน>',
        categories: 'analytics marketing',
        position: 'top',
        theme: 'dark',
        revision: '2',
        'expires-days': '90',
        'cookie-name': 'yinyom-preview',
      }),
      'preview element carries the chosen attributes plus cookie-name="yinyom-preview", in this order',
    );
    assert.strictEqual(await page.locator(SEL.element).count(), 1, 'still exactly one <yinyom-consent>');
  });

  // -------------------------------------------------------------- the preview's own cookie
  test('the preview stores its choice in its own cookie, and a form change asks again', async () => {
    await page.click(SEL.accept);
    await page.waitForFunction(() => document.cookie.includes('yinyom-preview='));
    let jar = await cookies();
    assert.ok(jar['yinyom-preview'], `a choice in the preview is stored in yinyom-preview: ${JSON.stringify(jar)}`);
    assert.strictEqual(jar.yinyom, 'demo-sentinel', 'the demo cookie is untouched');
    assert.ok(await page.locator(SEL.banner).isHidden(), 'the banner goes away after the choice');
    await page.selectOption('#theme', 'light');
    await settle();
    jar = await cookies();
    assert.strictEqual(
      jar['yinyom-preview'],
      undefined,
      `changing the form clears the preview choice: ${JSON.stringify(jar)}`,
    );
    assert.ok(await visible(SEL.banner), 'changing the form shows the banner again');
    assert.strictEqual(
      await page.locator(SEL.element).getAttribute('theme'),
      'light',
      'the re-created preview has the new theme',
    );
  });

  // -------------------------------------------------------------- copy
  test('copy: the snippet goes to the clipboard, announced politely', async () => {
    await page.click('#copy');
    await page
      .waitForFunction(() => document.getElementById('copy-status').textContent.includes('คัดลอกแล้ว'), null, {
        timeout: 3000,
      })
      .catch(() => {});
    assert.ok(
      (await page.locator('#copy-status').textContent()).includes('คัดลอกแล้ว'),
      'copy announces "คัดลอกแล้ว" in the live region',
    );
    assert.strictEqual(
      await page.locator('#copy-status').getAttribute('aria-live'),
      'polite',
      'copy status is a polite live region',
    );
    assert.strictEqual(
      await page.evaluate(() => navigator.clipboard.readText()),
      await snippet(),
      'the clipboard holds the snippet',
    );
  });

  // -------------------------------------------------------------- errors
  test('unsafe policy URL: inline error, aria-invalid and described by it, left out of the snippet', async () => {
    await page.fill('#policy-url', 'javascript:alert(1)');
    await page.keyboard.press('Tab');
    assert.ok(await visible('#policy-url-error'), 'unsafe policy URL: inline error shown');
    assert.strictEqual(await page.getAttribute('#policy-url', 'aria-invalid'), 'true', 'the field is aria-invalid');
    assert.ok(
      (await page.getAttribute('#policy-url', 'aria-describedby')).split(/\s+/).includes('policy-url-error'),
      'the field is described by the error',
    );
    assert.ok(!(await snippet()).includes('policy-url='), 'unsafe policy URL is left out of the snippet');
  });

  for (const good of [
    'https://www.example.go.th/privacy',
    'http://example.go.th/p',
    'privacy.html',
    '/privacy#cookies',
  ]) {
    test(`policy URL "${good}" accepted`, async () => {
      await page.fill('#policy-url', good);
      assert.ok(await page.locator('#policy-url-error').isHidden(), 'no inline error');
      assert.ok((await snippet()).includes(`policy-url="${good}"`), 'in the snippet');
    });
  }

  test('bad GA4 ID: inline error, no gtag in the snippet, a note instead', async () => {
    await page.fill('#ga4-id', 'UA-12345-1');
    await page.keyboard.press('Tab');
    assert.ok(await visible('#ga4-id-error'), 'inline error');
    assert.ok(!(await snippet()).includes('gtag'), 'no gtag in the snippet');
    assert.ok((await snippet()).includes('enter a valid ID'), 'a note instead');
  });

  test('expires-days 401: inline error, attribute left out', async () => {
    await page.fill('#expires-days', '401');
    await page.keyboard.press('Tab');
    assert.ok(await visible('#expires-days-error'), 'inline error');
    assert.ok(!(await snippet()).includes('expires-days='), 'attribute left out');
  });

  test('YouTube without marketing: the categories error says so', async () => {
    await page.uncheck('input[name="category"][value="marketing"]');
    assert.match(await page.locator('#categories-error').textContent(), /YouTube/);
    assert.ok(await visible('#categories-error'), 'the categories error is shown');
  });

  test('non-YouTube URL: inline error, no iframe', async () => {
    await page.fill('#youtube-url', 'https://vimeo.com/123');
    await page.keyboard.press('Tab');
    assert.ok(await visible('#youtube-url-error'), 'inline error');
    assert.ok(!(await snippet()).includes('<iframe'), 'no iframe');
    await page.fill('#youtube-url', '');
    await page.fill('#expires-days', '180');
    await page.fill('#policy-url', '');
  });

  // -------------------------------------------------------------- every other tool
  const element = (categories) =>
    `<yinyom-consent org="เทศบาล &quot;ทดสอบ&quot; &amp; &lt;บ้านสวน&gt;"${categories ? ` categories="${categories}"` : ''} position="top" theme="light" revision="2"></yinyom-consent>`;

  test('GTM snippet', async () => {
    await page.check('input[name="tool"][value="gtm"]');
    await page.fill('#gtm-id', 'gtm-ab12cd3');
    assert.strictEqual(await snippet(), expectedSnippet({ element: element(), tool: GTM('GTM-AB12CD3') }));
  });

  test('Matomo snippet (base URL from a matomo.php link, numeric site id)', async () => {
    await page.check('input[name="tool"][value="matomo"]');
    await page.fill('#matomo-url', 'https://stats.example.go.th/matomo.php');
    await page.fill('#matomo-site', '7');
    assert.strictEqual(
      await snippet(),
      expectedSnippet({ element: element(), tool: MATOMO('https://stats.example.go.th/', '7') }),
    );
  });

  test('Matomo site id "7a": inline error, no tag', async () => {
    await page.fill('#matomo-site', '7a');
    await page.keyboard.press('Tab');
    assert.ok(await visible('#matomo-site-error'), 'inline error');
    assert.ok(!(await snippet()).includes('_paq'), 'no tag');
  });

  test('Matomo URL with a quote is refused', async () => {
    await page.fill('#matomo-url', "https://x.example/'+alert(1)+'");
    await page.fill('#matomo-site', '7');
    await page.keyboard.press('Tab');
    assert.ok(await visible('#matomo-url-error'), 'inline error');
    assert.ok(!(await snippet()).includes('alert'), 'nothing of the URL in the snippet');
  });

  test('choosing the Meta pixel ticks "marketing" and says so', async () => {
    await page.check('input[name="tool"][value="meta"]');
    assert.ok(await page.isChecked('input[name="category"][value="marketing"]'), '"marketing" is ticked');
    assert.ok((await page.locator('#form-status').textContent()).includes('Marketing'), 'the form status says so');
  });

  test('Meta pixel snippet (marketing)', async () => {
    await page.fill('#meta-id', '123456789012345');
    assert.strictEqual(
      await snippet(),
      expectedSnippet({ element: element('analytics marketing'), tool: META('123456789012345') }),
    );
  });

  test('Truehits snippet (both tags gated, page defaults to the title)', async () => {
    await page.check('input[name="tool"][value="truehits"]');
    await page.fill('#truehits-code', 'T0012345');
    assert.strictEqual(
      await snippet(),
      expectedSnippet({ element: element('analytics marketing'), tool: TRUEHITS('t0012345', 'document.title') }),
    );
  });

  test('Truehits page name escaped for a script string', async () => {
    await page.fill('#truehits-page', "หน้า'แรก</script>");
    assert.strictEqual(
      await snippet(),
      expectedSnippet({
        element: element('analytics marketing'),
        tool: TRUEHITS('t0012345', "'หน้า\\u0027แรก\\u003c/script\\u003e'"),
      }),
    );
  });

  test('no category ticked: an error', async () => {
    await page.uncheck('input[name="category"][value="analytics"]');
    await page.uncheck('input[name="category"][value="marketing"]');
    assert.ok(await visible('#categories-error'), 'the categories error is shown');
    await page.check('input[name="category"][value="analytics"]');
  });

  // -------------------------------------------------------------- accessibility basics
  test('every field has a label; every aria-describedby points at an element', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((c) => !c.labels?.length && !c.getAttribute('aria-label'))
        .map((c) => c.id || c.name),
    );
    assert.deepStrictEqual(unlabelled, [], 'every field has a label');
    const dangling = await page.evaluate(() =>
      [...document.querySelectorAll('[aria-describedby]')].flatMap((c) =>
        c
          .getAttribute('aria-describedby')
          .split(/\s+/)
          .filter((id) => !document.getElementById(id)),
      ),
    );
    assert.deepStrictEqual(dangling, [], 'every aria-describedby points at an element');
  });

  test('all along: no CSP violation (script-src/style-src self, no inline), no page errors', async () => {
    assert.deepStrictEqual(s.violations, [], 'no CSP violation');
    assert.deepStrictEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation (in the page)');
    assert.deepStrictEqual(
      s.errors.filter((e) => e.startsWith('error:') || e.startsWith('pageerror:')),
      [],
      'no page errors',
    );
  });

  // -------------------------------------------------------------- axe (WCAG 2.2 A/AA)
  for (const width of [1280, 320]) {
    test(
      `axe finds no WCAG 2.2 AA / best-practice violation at ${width} px (with errors shown)`,
      { skip: axePath ? false : 'axe-core not installed' },
      async () => {
        // bypassCSP only so that axe itself can be injected; the page's CSP is checked above.
        const p = await openConfigurator(chromium, { viewport: { width, height: 800 }, bypassCSP: true });
        try {
          await p.page.check('input[name="tool"][value="matomo"]');
          await p.page.fill('#matomo-url', 'not a url');
          await p.page.fill('#policy-url', 'javascript:x');
          await p.page.keyboard.press('Tab');
          await p.page.waitForTimeout(600);
          await p.page.addScriptTag({ content: readFileSync(axePath, 'utf8') });
          const violations = await p.evaluate(async () => {
            const result = await window.axe.run(document, {
              runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
            });
            return result.violations.map(
              (v) =>
                `${v.id}: ${v.help} — ${v.nodes
                  .map((n) => n.target.join(' '))
                  .slice(0, 3)
                  .join(', ')}`,
            );
          });
          assert.deepStrictEqual(violations, []);
        } finally {
          await p.close();
        }
      },
    );
  }

  // -------------------------------------------------------------- phone widths
  for (const width of [375, 320]) {
    test(`no horizontal scrolling at ${width} px`, async () => {
      const p = await openConfigurator(chromium, { viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
      try {
        await p.page.check('input[name="tool"][value="ga4"]');
        await p.page.fill('#ga4-id', 'G-ABC123DEF4');
        await p.page.fill('#org', 'เทศบาลตำบลบ้านสวน');
        await p.page.fill('#policy-url', 'ftp://x');
        await p.page.keyboard.press('Tab');
        await p.page.waitForTimeout(600);
        const overflow = await p.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `${overflow}px too wide`);
      } finally {
        await p.close();
      }
    });
  }
});
