// The yinyom configurator: a form → the real <yinyom-consent> as a live preview, and the
// HTML a webmaster pastes into the site. Plain module, no dependencies, no inline script or
// style (the page runs under a strict CSP): every look is a class in configure.css.

const $ = (id) => document.getElementById(id);
const form = $('cfg-form');
const snippet = $('snippet');

const PREVIEW_COOKIE = 'yinyom-preview';
const CDN = 'https://cdn.jsdelivr.net/npm/yinyom@';
const CATEGORY_ORDER = ['functional', 'analytics', 'marketing'];
const CATEGORY_NAMES = {
  functional: ['เพื่อการใช้งาน', 'Functional'],
  analytics: ['เพื่อการวิเคราะห์', 'Analytics'],
  marketing: ['เพื่อการตลาด', 'Marketing'],
};
const TOOL_NAMES = {
  ga4: 'Google Analytics 4',
  gtm: 'Google Tag Manager',
  matomo: 'Matomo',
  meta: 'Meta pixel',
  truehits: 'Truehits',
};
/** The category each tool's tags wait for. */
const TOOL_CATEGORY = {
  ga4: 'analytics',
  gtm: 'analytics',
  matomo: 'analytics',
  truehits: 'analytics',
  meta: 'marketing',
};
const WHERE = { '': 'ขอบล่างของหน้าจอ', top: 'ขอบบนของหน้าจอ', center: 'กลางหน้าจอ' };

// ---------------------------------------------------------------- escaping and validation

/** For an attribute value inside double quotes. */
export function escapeAttr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A single-quoted JavaScript string that is also safe inside a <script> element. */
export function jsString(value) {
  return `'${String(value).replace(/[\\'"\n\r\u2028\u2029<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** The same rule as yinyom's own: http, https or relative, as the URL parser decides. */
export function isSafeUrl(value) {
  try {
    return /^https?:$/.test(new URL(value, 'https://base.invalid/').protocol);
  } catch {
    return false;
  }
}

const GA4_ID = /^G-[A-Z0-9]{4,16}$/;
const GTM_ID = /^GTM-[A-Z0-9]{4,12}$/;
const SITE_ID = /^[1-9][0-9]{0,9}$/;
const PIXEL_ID = /^[0-9]{6,20}$/;
const TRUEHITS_CODE = /^[a-z][0-9]{7}$/;
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** Matomo's base URL, ending in "/", or null. Only characters that are safe in a JS string. */
export function matomoBase(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !url.hostname || url.username || url.password || url.search || url.hash)
    return null;
  let base = url.origin + url.pathname.replace(/(?:matomo|piwik)\.(?:php|js)$/, '');
  if (!base.endsWith('/')) base += '/';
  return /^[A-Za-z0-9\-._~:/%@!$()*+,;=[\]]+$/.test(base) ? base : null;
}

/** The video id of a YouTube watch / share / embed / shorts link (or a bare id), or null. */
export function youtubeId(value) {
  const text = value.trim();
  if (YOUTUBE_ID.test(text)) return text;
  let url;
  try {
    url = new URL(/^[a-z]+:/i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol)) return null;
  const host = url.hostname.toLowerCase().replace(/^(?:www|m|music)\./, '');
  let id = null;
  if (host === 'youtu.be') id = url.pathname.split('/')[1];
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    if (url.pathname === '/watch') id = url.searchParams.get('v');
    else id = /^\/(?:embed|shorts|live|v)\/([^/]+)/.exec(url.pathname)?.[1];
  }
  return id && YOUTUBE_ID.test(id) ? id : null;
}

// ---------------------------------------------------------------- reading the form

const value = (id) => $(id).value.trim();

/**
 * The form as a config: `attributes` (non-default only, in a stable order), the tool and
 * embed, and `errors` keyed by field id (a message in Thai · English).
 */
function readForm() {
  const errors = {};
  const attributes = [];

  const policyUrl = value('policy-url');
  if (policyUrl && !isSafeUrl(policyUrl)) {
    errors['policy-url'] = [
      'ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http:// หรือเป็นลิงก์ภายใน เช่น /privacy',
      'Use an https, http or relative link.',
    ];
  } else if (policyUrl) attributes.push(['policy-url', policyUrl]);

  const org = value('org');
  if (org) attributes.push(['org', org]);

  const logUrl = value('log-url');
  if (logUrl && !isSafeUrl(logUrl)) {
    errors['log-url'] = [
      'ที่อยู่ต้องขึ้นต้นด้วย https:// หรือ http:// หรือเป็นลิงก์ภายใน เช่น /receipts',
      'Use an https, http or relative link.',
    ];
  } else if (logUrl) attributes.push(['log-url', logUrl]);

  const categories = CATEGORY_ORDER.filter(
    (name) => form.querySelector(`input[name="category"][value="${name}"]`).checked,
  );
  const tool = form.querySelector('input[name="tool"]:checked')?.value ?? 'none';

  const revision = value('revision');
  if (revision && !/^[^\u0000-\u001f\u007f]{1,64}$/.test(revision)) {
    errors.revision = ['ใช้ตัวอักษรที่พิมพ์ได้ 1–64 ตัว เช่น 2 หรือ 2568-06', '1 to 64 printable characters.'];
  }
  const expires = value('expires-days');
  if (expires && !(/^[0-9]+$/.test(expires) && +expires >= 1 && +expires <= 400)) {
    errors['expires-days'] = ['ใส่จำนวนวันเป็นเลขจำนวนเต็ม 1–400', 'A whole number from 1 to 400.'];
  }

  // The tool's own fields.
  let toolTags = null;
  const need = (id, pattern, [th, en], transform = (v) => v) => {
    const raw = transform(value(id));
    if (!pattern.test(raw)) {
      errors[id] = raw ? [th, en] : [`กรอกช่องนี้: ${th}`, `Required. ${en}`];
      return null;
    }
    return raw;
  };
  if (tool === 'ga4') {
    const id = need('ga4-id', GA4_ID, ['รูปแบบ G-XXXXXXXXXX (ตัวอักษรและตัวเลข)', 'Format G-XXXXXXXXXX.'], (v) =>
      v.toUpperCase(),
    );
    if (id) toolTags = ga4Tags(id);
  } else if (tool === 'gtm') {
    const id = need('gtm-id', GTM_ID, ['รูปแบบ GTM-XXXXXXX', 'Format GTM-XXXXXXX.'], (v) => v.toUpperCase());
    if (id) toolTags = gtmTags(id);
  } else if (tool === 'matomo') {
    const rawUrl = value('matomo-url');
    const base = rawUrl ? matomoBase(rawUrl) : null;
    if (!base) {
      errors['matomo-url'] = [
        `${rawUrl ? '' : 'กรอกช่องนี้: '}ใส่ที่อยู่เต็ม เช่น https://matomo.example.go.th/`,
        `${rawUrl ? '' : 'Required. '}A full http(s) address, without ? or #.`,
      ];
    }
    const site = need('matomo-site', SITE_ID, ['ใส่ตัวเลข เช่น 1', 'A number such as 1.']);
    if (base && site) toolTags = matomoTags(base, site);
  } else if (tool === 'meta') {
    const id = need('meta-id', PIXEL_ID, ['ใส่ตัวเลขเท่านั้น (6–20 หลัก)', 'Digits only (6–20).']);
    if (id) toolTags = metaTags(id);
  } else if (tool === 'truehits') {
    const code = need(
      'truehits-code',
      TRUEHITS_CODE,
      ['ตัวอักษร 1 ตัวตามด้วยตัวเลข 7 หลัก เช่น t0012345', 'One letter and 7 digits.'],
      (v) => v.toLowerCase(),
    );
    if (code) toolTags = truehitsTags(code, value('truehits-page'));
  }

  // The embed.
  const youtubeUrl = value('youtube-url');
  let video = null;
  if (youtubeUrl) {
    const id = youtubeId(youtubeUrl);
    if (!id)
      errors['youtube-url'] = [
        'ไม่ใช่ลิงก์วิดีโอ YouTube เช่น https://www.youtube.com/watch?v=… หรือ https://youtu.be/…',
        'Not a YouTube video link.',
      ];
    else video = { id, title: value('youtube-title') || 'วิดีโอ YouTube' };
  }

  // Categories: at least one, and every one a chosen tag waits for.
  const needed = new Set();
  if (tool !== 'none') needed.add(TOOL_CATEGORY[tool]);
  if (video) needed.add('marketing');
  const missing = [...needed].filter((name) => !categories.includes(name));
  if (!categories.length) {
    errors.categories = ['เลือกอย่างน้อย 1 ประเภท (หากใช้เพียงคุกกี้ที่จำเป็น ก็ไม่ต้องติดตั้งประกาศนี้)', 'Tick at least one.'];
  } else if (missing.length) {
    const users = [
      tool !== 'none' && missing.includes(TOOL_CATEGORY[tool]) ? TOOL_NAMES[tool] : null,
      video && missing.includes('marketing') ? 'YouTube' : null,
    ].filter(Boolean);
    errors.categories = [
      `${users.join(' และ ')} ต้องใช้ประเภท ${missing.map((m) => `“${CATEGORY_NAMES[m][0]}”`).join(' และ ')} เลือกช่องนี้ด้วย มิฉะนั้นจะไม่ทำงาน`,
      `${users.join(' and ')} need${users.length > 1 ? '' : 's'} ${missing.map((m) => `“${CATEGORY_NAMES[m][1]}”`).join(' and ')}: tick it, or the tag never runs.`,
    ];
  }
  if (categories.length && categories.join(' ') !== 'analytics') attributes.push(['categories', categories.join(' ')]);

  const lang = $('lang').value;
  if (lang) attributes.push(['lang', lang]);
  const position = $('position').value;
  if (position) attributes.push(['position', position]);
  const theme = $('theme').value;
  if (theme) attributes.push(['theme', theme]);
  if (revision && !errors.revision && revision !== '1') attributes.push(['revision', revision]);
  if (expires && !errors['expires-days'] && +expires !== 180) attributes.push(['expires-days', String(+expires)]);

  return { attributes, tool, toolTags, video, errors, position };
}

// ---------------------------------------------------------------- the recipes (README.md)

function ga4Tags(id) {
  return `<script type="text/plain" data-consent="analytics" async src="https://www.googletagmanager.com/gtag/js?id=${id}"></script>
<script type="text/plain" data-consent="analytics">
  window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date()); gtag('config', '${id}');
</script>`;
}

function gtmTags(id) {
  return `<script type="text/plain" data-consent="analytics">
  (function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
  var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;
  j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
  })(window,document,'script','dataLayer','${id}');
</script>`;
}

function matomoTags(base, site) {
  return `<script type="text/plain" data-consent="analytics">
  var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); _paq.push(['enableLinkTracking']);
  (function(){ var u='${base}'; _paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '${site}']);
  var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0]; g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s); })();
</script>`;
}

function metaTags(id) {
  return `<script type="text/plain" data-consent="marketing">
  !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};
  if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
  t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');
  fbq('init', '${id}'); fbq('track', 'PageView');
</script>`;
}

function truehitsTags(code, page) {
  // The classic counter: a global `page`, then the site's script. Both wait for analytics,
  // and run in this order.
  const pageValue = page ? jsString(page) : 'document.title';
  return `<script type="text/plain" data-consent="analytics">page=${pageValue};</script>
<script type="text/plain" data-consent="analytics" src="https://lvs.truehits.in.th/datasecure/${code}.js"></script>`;
}

function youtubeTag({ id, title }) {
  return `<iframe data-consent="marketing" data-src="https://www.youtube-nocookie.com/embed/${id}"
        title="${escapeAttr(title)}" width="560" height="315" allowfullscreen></iframe>`;
}

// ---------------------------------------------------------------- the snippet

const meta = { version: null, integrity: null, problem: null };

export function elementTag(attributes) {
  return `<yinyom-consent${attributes.map(([name, v]) => ` ${name}="${escapeAttr(v)}"`).join('')}></yinyom-consent>`;
}

function scriptTag() {
  const src = `${CDN}${meta.version ?? '0'}/dist/yinyom.min.js`;
  return meta.integrity && meta.version
    ? `<script src="${src}" integrity="${meta.integrity}" crossorigin="anonymous" defer></script>`
    : `<script src="${src}" defer></script>`;
}

function buildSnippet(state) {
  const parts = [];
  let n = 0;
  const part = (comment, code) => parts.push(`<!-- ${(n += 1)}. ${comment} -->\n${code}`);
  part('ใน <head> · in <head>', scriptTag());
  part('บรรทัดแรกใน <body> · first thing in <body>', elementTag(state.attributes));
  if (state.tool !== 'none') {
    const category = TOOL_CATEGORY[state.tool];
    const name = TOOL_NAMES[state.tool];
    part(
      `${name}: ทำงานเมื่อผู้เข้าชมยินยอม "${category}" เท่านั้น · runs only with "${category}" consent`,
      state.toolTags ?? `<!-- ${name}: กรอกรหัสในแบบฟอร์มให้ถูกต้องก่อน · enter a valid ID in the form first -->`,
    );
  }
  if (state.video) {
    part('วิดีโอ YouTube: โหลดเมื่อผู้เข้าชมยินยอม "marketing" · loads only with "marketing" consent', youtubeTag(state.video));
  }
  part(
    'ส่วนท้ายของหน้า (footer): เปิดการตั้งค่าคุกกี้อีกครั้ง · in the footer: reopens the preferences',
    '<a href="#" data-yinyom-open>ตั้งค่าคุกกี้</a>',
  );
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------- errors on the page

/** Fields whose error may show: touched by the visitor, or all after a copy. */
const touched = new Set();
let showAll = false;
const ALWAYS_SHOWN = new Set(['categories']);

function showErrors(errors) {
  for (const node of document.querySelectorAll('.error')) {
    const field = node.id.replace(/-error$/, '');
    const control = field === 'categories' ? $('categories') : $(field);
    const hiddenTool = control.closest('.tool-fields')?.hidden;
    const message = errors[field];
    const visible = Boolean(message) && !hiddenTool && (showAll || touched.has(field) || ALWAYS_SHOWN.has(field));
    node.hidden = !visible;
    if (visible) bilingual(node, ...message);
    else node.textContent = '';
    if (control.matches('input, select')) {
      if (visible) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }
  const count = Object.keys(errors).length;
  const problems = $('problems');
  problems.hidden = count === 0;
  if (count)
    bilingual(
      problems,
      `ยังมี ${count} ช่องที่ต้องแก้ไข ส่วนที่ไม่ถูกต้องจะไม่อยู่ในโค้ด`,
      `${count} field${count > 1 ? 's' : ''} to fix; invalid values are left out of the code.`,
    );
  else problems.textContent = '';
}

// ---------------------------------------------------------------- the live preview

function clearPreviewCookie() {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${PREVIEW_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

function renderPreview(state) {
  // Forget the preview's last choice so the banner shows again. Only the preview cookie is
  // cleared (not yinyom.reset(), which would also delete this host's analytics cookies).
  for (const old of document.querySelectorAll('yinyom-consent')) old.remove();
  clearPreviewCookie();
  $('preview-where').textContent = WHERE[$('position').value] ?? WHERE[''];
  if (!$('preview-on').checked) return;
  const element = document.createElement('yinyom-consent');
  for (const [name, v] of state.attributes) element.setAttribute(name, v);
  element.setAttribute('cookie-name', PREVIEW_COOKIE);
  // First in <body>, as the README asks of a real site.
  document.body.prepend(element);
}

// ---------------------------------------------------------------- wiring

let previewTimer;
let lastPreview = '';

/** Re-reads the form: errors and code at once; the preview now, after a pause, or not at all. */
function update({ preview = 'debounced' } = {}) {
  const state = readForm();
  showErrors(state.errors);
  for (const fields of document.querySelectorAll('.tool-fields')) fields.hidden = fields.dataset.tool !== state.tool;
  snippet.textContent = buildSnippet(state);
  if (preview === 'skip') return;

  const key = JSON.stringify(state.attributes) + $('preview-on').checked;
  clearTimeout(previewTimer);
  if (preview === 'force' || (preview === 'now' && key !== lastPreview)) {
    lastPreview = key;
    renderPreview(state);
  } else if (key !== lastPreview) {
    previewTimer = setTimeout(() => {
      lastPreview = key;
      renderPreview(state);
    }, 350);
  }
}

/** Ticks the category a newly chosen tag needs, and says so. */
function ensureCategory(name, why) {
  const box = form.querySelector(`input[name="category"][value="${name}"]`);
  if (box.checked) return;
  box.checked = true;
  bilingual(
    $('form-status'),
    `เลือกประเภท “${CATEGORY_NAMES[name][0]}” ให้แล้ว เพราะ ${why} ต้องใช้`,
    `Ticked “${CATEGORY_NAMES[name][1]}”: ${why} needs it.`,
  );
}

form.addEventListener('input', (event) => {
  // Typing updates the code at once and the preview after a pause; boxes and lists wait
  // for "change" (fired at once for them), which may also tick a category first.
  if (event.target.matches('input[type="text"], input[type="number"]')) update();
});
form.addEventListener('change', (event) => {
  const target = event.target;
  if (target.name === 'tool' && target.value !== 'none')
    ensureCategory(TOOL_CATEGORY[target.value], TOOL_NAMES[target.value]);
  if (target.id === 'youtube-url' && youtubeId(target.value)) ensureCategory('marketing', 'YouTube');
  if (target.id) touched.add(target.id);
  update({ preview: 'now' });
});
form.addEventListener('focusout', (event) => {
  if (event.target.id && event.target.value?.trim()) {
    touched.add(event.target.id);
    update();
  }
});
// Enter in a text field must not submit (there is nothing to submit to).
form.addEventListener('submit', (event) => event.preventDefault());

$('preview-on').addEventListener('change', () => update({ preview: 'force' }));
$('preview-again').addEventListener('click', () => {
  if (!$('preview-on').checked) $('preview-on').checked = true;
  update({ preview: 'force' });
});

// ---------------------------------------------------------------- copy

let statusTimer;
function say(thai, english) {
  const status = $('copy-status');
  clearTimeout(statusTimer);
  status.textContent = '';
  // Fresh text after a tick, so a second copy is announced too.
  setTimeout(() => {
    bilingual(status, thai, english);
    statusTimer = setTimeout(() => (status.textContent = ''), 6000);
  }, 50);
}

function copyWithTextarea(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

$('copy').addEventListener('click', async () => {
  showAll = true;
  update();
  const text = snippet.textContent;
  let ok = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = false;
    }
  }
  if (!ok) ok = copyWithTextarea(text);
  $('copy').focus();
  if (ok) say('คัดลอกแล้ว', 'Copied');
  else say('คัดลอกไม่ได้ เลือกโค้ดแล้วกด Ctrl+C', 'Could not copy: select the code and press Ctrl+C.');
});

// ---------------------------------------------------------------- version and SRI

/** Thai text, then the English in a smaller <span lang="en">. */
function bilingual(node, thai, english) {
  const en = document.createElement('span');
  en.className = 'en';
  en.lang = 'en';
  en.textContent = english;
  node.replaceChildren(`${thai} `, en);
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function loadVersion() {
  const response = await fetch('../package.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`package.json: HTTP ${response.status}`);
  const { version } = await response.json();
  if (!/^[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?$/.test(version ?? ''))
    throw new Error('package.json has no valid version');
  return version;
}

async function computeIntegrity() {
  if (!globalThis.crypto?.subtle) throw new Error('crypto.subtle needs https or localhost');
  const response = await fetch('../dist/yinyom.min.js', { cache: 'no-store' });
  if (!response.ok) throw new Error(`dist/yinyom.min.js: HTTP ${response.status} (npm run build)`);
  const digest = await crypto.subtle.digest('SHA-384', await response.arrayBuffer());
  return `sha384-${base64(new Uint8Array(digest))}`;
}

async function loadMeta() {
  const [version, integrity] = await Promise.allSettled([loadVersion(), computeIntegrity()]);
  meta.version = version.status === 'fulfilled' ? version.value : null;
  meta.integrity = integrity.status === 'fulfilled' ? integrity.value : null;
  const text = $('sri-text');
  if (meta.version && meta.integrity) {
    bilingual(
      text,
      `โค้ดด้านบนโหลด yinyom เวอร์ชัน ${meta.version} จาก jsDelivr`,
      `The code loads yinyom ${meta.version} from jsDelivr.`,
    );
    $('sri-version').textContent = `yinyom@${meta.version} บน CDN`;
    $('sri-cmd').textContent =
      `curl -s ${CDN}${meta.version}/dist/yinyom.min.js | openssl dgst -sha384 -binary | openssl base64 -A`;
  } else {
    const why = [version, integrity]
      .filter((r) => r.status === 'rejected')
      .map((r) => r.reason.message)
      .join('; ');
    bilingual(
      text,
      'คำนวณค่า integrity ไม่ได้ จึงไม่ได้ใส่ไว้ในโค้ด',
      `The integrity hash could not be computed, so the code has none (${why}).`,
    );
    text.classList.add('error');
  }
}

$('preview-where').textContent = WHERE[$('position').value] ?? WHERE[''];
update({ preview: 'force' });
loadMeta().finally(() => {
  update({ preview: 'skip' });
  snippet.dataset.ready = 'true';
});
