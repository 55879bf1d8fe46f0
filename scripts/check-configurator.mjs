// Checks demo/configure.html in headless Chromium: the generated snippet (exact text, for
// each analytics tool), the SRI hash against openssl / node's own SHA-384 of
// dist/yinyom.min.js, the version from package.json, inline errors, the live preview (its
// own cookie, re-shown after every change), the copy button, CSP and layout at 320 px; and
// writes screenshots.
//
//   npm run build && node scripts/check-configurator.mjs [outdir]     (default outdir: /tmp)
//   CONFIGURATOR_URL=http://127.0.0.1:8765 node scripts/check-configurator.mjs   (a server already running)
//
// Prints one PASS/FAIL line per check; exits 1 if any fails. Needs Chromium at
// /usr/bin/chromium (or CHROMIUM_PATH).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = resolve(process.argv[2] ?? '/tmp');
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUNDLE = join(ROOT, 'dist/yinyom.min.js');

let failures = 0;
function check(name, ok, detail = '') {
  if (!ok) failures += 1;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${!ok && detail ? `\n      ${String(detail).replace(/\n/g, '\n      ')}` : ''}`);
  return ok;
}
/** Shows where two strings part, for a failed exact comparison. */
function diff(actual, expected) {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i += 1;
  return `differs at ${i}:\n  got:      ${JSON.stringify(actual.slice(Math.max(0, i - 40), i + 80))}\n  expected: ${JSON.stringify(expected.slice(Math.max(0, i - 40), i + 80))}`;
}
function same(name, actual, expected) {
  return check(name, actual === expected, actual === expected ? '' : diff(actual ?? '', expected));
}

if (!existsSync(BUNDLE)) {
  console.error('dist/yinyom.min.js is missing: run npm run build first.');
  process.exit(1);
}

// ------------------------------------------------------------------ what the page must say

const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const nodeSri = createHash('sha384').update(await readFile(BUNDLE)).digest('base64');
let opensslSri = null;
try {
  opensslSri = execFileSync('sh', ['-c', 'openssl dgst -sha384 -binary "$1" | openssl base64 -A', 'sh', BUNDLE], { encoding: 'utf8' }).trim();
} catch {
  console.log('note  openssl not available; using node:crypto alone');
}
if (opensslSri) check('node:crypto and openssl agree on the SHA-384 of dist/yinyom.min.js', opensslSri === nodeSri, `${opensslSri} vs ${nodeSri}`);
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

// ------------------------------------------------------------------ the browser

const external = process.env.CONFIGURATOR_URL?.replace(/\/+$/, '');
const server = external ? null : await startServer({ port: 0 });
const base = external ?? `http://127.0.0.1:${server.port}`;
const PAGE = `${base}/demo/configure.html`;

const browser = await chromium.launch({
  executablePath: EXECUTABLE,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const SEL = {
  element: 'yinyom-consent',
  banner: 'yinyom-consent [part~="banner"]',
  accept: 'yinyom-consent [part~="banner"] [part~="accept-button"]',
};

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  // Leftover choices from the demo must not hide the preview; and the demo's own cookie
  // must stay untouched by the preview.
  await context.addCookies([{ name: 'yinyom', value: 'demo-sentinel', url: base }]);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  await page.goto(PAGE);
  await page.waitForSelector('#snippet[data-ready="true"]', { timeout: 10000 });
  const snippet = () => page.locator('#snippet').textContent();
  const cookies = async () => Object.fromEntries((await context.cookies(base)).map((c) => [c.name, c.value]));
  const settle = () => page.waitForTimeout(600); // past the preview's 350 ms debounce

  // -------------------------------------------------------------- defaults
  same('default snippet: script tag with version and SRI, bare element, footer link', await snippet(), expectedSnippet({ element: '<yinyom-consent></yinyom-consent>' }));
  const integrity = /integrity="([^"]+)"/.exec(await snippet())?.[1];
  same('SRI in the snippet equals openssl dgst -sha384 of dist/yinyom.min.js', integrity, SRI);
  check(`version in the CDN URL is package.json's (${version})`, (await snippet()).includes(`/npm/yinyom@${version}/dist/yinyom.min.js`));
  check('the hash is explained as the local build’s, to match the published version', /build ไว้ในเครื่องนี้/.test(await page.locator('#sri-note').textContent()) && /must match the published version/.test(await page.locator('#sri-note').textContent()));
  check('one preview element, with the preview-only cookie name', (await page.locator(SEL.element).count()) === 1 && (await page.locator(SEL.element).getAttribute('cookie-name')) === 'yinyom-preview');
  check('the preview banner is shown', await page.locator(SEL.banner).isVisible());

  // -------------------------------------------------------------- GA4, everything filled in
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

  const ga4Expected = expectedSnippet({
    element:
      '<yinyom-consent policy-url="/privacy" org="เทศบาล &quot;ทดสอบ&quot; &amp; &lt;บ้านสวน&gt;" categories="analytics marketing" position="top" theme="dark" revision="2" expires-days="90"></yinyom-consent>',
    tool: GA4('G-ABC123DEF4'),
    video: YOUTUBE('dQw4w9WgXcQ', 'วิดีโอ &quot;แนะนำ&quot; &lt;เทศบาล&gt;'),
  });
  same('GA4 snippet: non-default attributes escaped, README recipe with the ID, gated YouTube frame', await snippet(), ga4Expected);
  check('no error shown for a valid form', (await page.locator('.error:not([hidden])').count()) === 0 && (await page.locator('#problems').isHidden()));

  const attributes = await page.locator(SEL.element).evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  same(
    'preview element carries the chosen attributes plus cookie-name="yinyom-preview"',
    JSON.stringify(attributes),
    JSON.stringify({ 'policy-url': '/privacy', org: 'เทศบาล "ทดสอบ" & <บ้านสวน>', categories: 'analytics marketing', position: 'top', theme: 'dark', revision: '2', 'expires-days': '90', 'cookie-name': 'yinyom-preview' }),
  );
  check('still exactly one <yinyom-consent>', (await page.locator(SEL.element).count()) === 1);
  await page.screenshot({ path: join(OUT, 'configurator-1280.png'), fullPage: true });
  await page.screenshot({ path: join(OUT, 'configurator-1280-viewport.png') });

  // -------------------------------------------------------------- the preview's own cookie
  await page.click(SEL.accept);
  await page.waitForFunction(() => document.cookie.includes('yinyom-preview='));
  let jar = await cookies();
  check('a choice in the preview is stored in yinyom-preview only (demo cookie untouched)', Boolean(jar['yinyom-preview']) && jar.yinyom === 'demo-sentinel', JSON.stringify(jar));
  check('the banner goes away after the choice', await page.locator(SEL.banner).isHidden());
  await page.selectOption('#theme', 'light');
  await settle();
  jar = await cookies();
  check('changing the form clears the preview choice and shows the banner again', !jar['yinyom-preview'] && (await page.locator(SEL.banner).isVisible()), JSON.stringify(jar));
  check('the re-created preview has the new theme', (await page.locator(SEL.element).getAttribute('theme')) === 'light');

  // -------------------------------------------------------------- copy
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent.includes('คัดลอกแล้ว'), null, { timeout: 3000 }).catch(() => {});
  check('copy announces "คัดลอกแล้ว" in the live region', (await page.locator('#copy-status').textContent()).includes('คัดลอกแล้ว'));
  check('copy status is a polite live region', (await page.locator('#copy-status').getAttribute('aria-live')) === 'polite');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  same('the clipboard holds the snippet', clipboard, await snippet());

  // -------------------------------------------------------------- errors
  await page.fill('#policy-url', 'javascript:alert(1)');
  await page.keyboard.press('Tab');
  const policyError = page.locator('#policy-url-error');
  check('unsafe policy URL: inline error shown', await policyError.isVisible());
  check('unsafe policy URL: field is aria-invalid and described by the error',
    (await page.getAttribute('#policy-url', 'aria-invalid')) === 'true' &&
      (await page.getAttribute('#policy-url', 'aria-describedby')).split(/\s+/).includes('policy-url-error'));
  check('unsafe policy URL is left out of the snippet', !(await snippet()).includes('policy-url='));
  for (const good of ['https://www.example.go.th/privacy', 'http://example.go.th/p', 'privacy.html', '/privacy#cookies']) {
    await page.fill('#policy-url', good);
    check(`policy URL "${good}" accepted`, (await policyError.isHidden()) && (await snippet()).includes(`policy-url="${good}"`));
  }
  await page.fill('#ga4-id', 'UA-12345-1');
  await page.keyboard.press('Tab');
  check('bad GA4 ID: inline error, no gtag in the snippet, a note instead',
    (await page.locator('#ga4-id-error').isVisible()) && !(await snippet()).includes('gtag') && (await snippet()).includes('enter a valid ID'));
  await page.fill('#expires-days', '401');
  await page.keyboard.press('Tab');
  check('expires-days 401: inline error, attribute left out', (await page.locator('#expires-days-error').isVisible()) && !(await snippet()).includes('expires-days='));
  await page.uncheck('input[name="category"][value="marketing"]');
  check('YouTube without marketing: the categories error says so', /YouTube/.test(await page.locator('#categories-error').textContent()) && (await page.locator('#categories-error').isVisible()));
  await page.fill('#youtube-url', 'https://vimeo.com/123');
  await page.keyboard.press('Tab');
  check('non-YouTube URL: inline error, no iframe', (await page.locator('#youtube-url-error').isVisible()) && !(await snippet()).includes('<iframe'));
  await page.fill('#youtube-url', '');
  await page.fill('#expires-days', '180');
  await page.fill('#policy-url', '');

  // -------------------------------------------------------------- every other tool
  const element = (categories) => `<yinyom-consent org="เทศบาล &quot;ทดสอบ&quot; &amp; &lt;บ้านสวน&gt;"${categories ? ` categories="${categories}"` : ''} position="top" theme="light" revision="2"></yinyom-consent>`;
  await page.check('input[name="tool"][value="gtm"]');
  await page.fill('#gtm-id', 'gtm-ab12cd3');
  same('GTM snippet', await snippet(), expectedSnippet({ element: element(), tool: GTM('GTM-AB12CD3') }));
  await page.check('input[name="tool"][value="matomo"]');
  await page.fill('#matomo-url', 'https://stats.example.go.th/matomo.php');
  await page.fill('#matomo-site', '7');
  same('Matomo snippet (base URL from a matomo.php link, numeric site id)', await snippet(), expectedSnippet({ element: element(), tool: MATOMO('https://stats.example.go.th/', '7') }));
  await page.fill('#matomo-site', '7a');
  await page.keyboard.press('Tab');
  check('Matomo site id "7a": inline error, no tag', (await page.locator('#matomo-site-error').isVisible()) && !(await snippet()).includes('_paq'));
  await page.fill('#matomo-url', "https://x.example/'+alert(1)+'");
  await page.fill('#matomo-site', '7');
  await page.keyboard.press('Tab');
  check('Matomo URL with a quote is refused', (await page.locator('#matomo-url-error').isVisible()) && !(await snippet()).includes('alert'));
  await page.check('input[name="tool"][value="meta"]');
  check('choosing the Meta pixel ticks "marketing" and says so',
    (await page.isChecked('input[name="category"][value="marketing"]')) && (await page.locator('#form-status').textContent()).includes('Marketing'));
  await page.fill('#meta-id', '123456789012345');
  same('Meta pixel snippet (marketing)', await snippet(), expectedSnippet({ element: element('analytics marketing'), tool: META('123456789012345') }));
  await page.check('input[name="tool"][value="truehits"]');
  await page.fill('#truehits-code', 'T0012345');
  same('Truehits snippet (both tags gated, page defaults to the title)', await snippet(), expectedSnippet({ element: element('analytics marketing'), tool: TRUEHITS('t0012345', 'document.title') }));
  await page.fill('#truehits-page', "หน้า'แรก</script>");
  same('Truehits page name escaped for a script string', await snippet(), expectedSnippet({ element: element('analytics marketing'), tool: TRUEHITS('t0012345', "'หน้า\\u0027แรก\\u003c/script\\u003e'") }));
  await page.uncheck('input[name="category"][value="analytics"]');
  await page.uncheck('input[name="category"][value="marketing"]');
  check('no category ticked: an error', await page.locator('#categories-error').isVisible());
  await page.check('input[name="category"][value="analytics"]');

  // -------------------------------------------------------------- accessibility basics
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')].filter((c) => !c.labels?.length && !c.getAttribute('aria-label')).map((c) => c.id || c.name),
  );
  check('every field has a label', unlabelled.length === 0, unlabelled.join(', '));
  const dangling = await page.evaluate(() =>
    [...document.querySelectorAll('[aria-describedby]')].flatMap((c) => c.getAttribute('aria-describedby').split(/\s+/).filter((id) => !document.getElementById(id))),
  );
  check('every aria-describedby points at an element', dangling.length === 0, dangling.join(', '));

  const csp = await page.evaluate(() => window.__csp);
  check('no CSP violation (script-src/style-src self, no inline)', csp.length === 0, csp.join('\n'));
  check('no page errors', pageErrors.length === 0, pageErrors.join('\n'));

  // -------------------------------------------------------------- axe (WCAG 2.2 A/AA)
  let axePath = null;
  try {
    axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    console.log('note  axe-core not installed; skipping the axe run');
  }
  if (axePath) {
    const axeSource = await readFile(axePath, 'utf8');
    for (const width of [1280, 320]) {
      // bypassCSP only so that axe itself can be injected; the page's CSP is checked above.
      const axeContext = await browser.newContext({ viewport: { width, height: 800 }, locale: 'th-TH', bypassCSP: true });
      const p = await axeContext.newPage();
      await p.goto(PAGE);
      await p.waitForSelector('#snippet[data-ready="true"]');
      await p.check('input[name="tool"][value="matomo"]');
      await p.fill('#matomo-url', 'not a url');
      await p.fill('#policy-url', 'javascript:x');
      await p.keyboard.press('Tab');
      await p.waitForTimeout(600);
      await p.addScriptTag({ content: axeSource });
      const violations = await p.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
        return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
      check(`axe finds no WCAG 2.2 AA / best-practice violation at ${width} px (with errors shown)`, violations.length === 0, violations.join('\n'));
      await axeContext.close();
    }
  }

  // -------------------------------------------------------------- phone widths
  for (const width of [375, 320]) {
    const phone = await browser.newContext({ viewport: { width, height: 740 }, locale: 'th-TH', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto(PAGE);
    await p.waitForSelector('#snippet[data-ready="true"]');
    await p.check('input[name="tool"][value="ga4"]');
    await p.fill('#ga4-id', 'G-ABC123DEF4');
    await p.fill('#org', 'เทศบาลตำบลบ้านสวน');
    await p.fill('#policy-url', 'ftp://x');
    await p.keyboard.press('Tab');
    await p.waitForTimeout(600);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(`no horizontal scrolling at ${width} px`, overflow <= 0, `${overflow}px too wide`);
    if (width === 375) {
      await p.screenshot({ path: join(OUT, 'configurator-375.png'), fullPage: true });
      await p.screenshot({ path: join(OUT, 'configurator-375-viewport.png') });
    }
    await phone.close();
  }
  console.log(`screenshots: ${['configurator-1280.png', 'configurator-1280-viewport.png', 'configurator-375.png', 'configurator-375-viewport.png'].map((f) => join(OUT, f)).join(' ')}`);
} catch (error) {
  check('the run completes', false, error.stack ?? error);
} finally {
  await browser.close();
  await server?.close();
}

console.log(failures ? `\n${failures} check(s) failed` : '\nall checks passed');
process.exit(failures ? 1 : 0);
