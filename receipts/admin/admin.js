// The admin page of yinyom-receipts: look a receipt up, see the last 30 days, export.
//
// Plain ES module, no build step, no dependency. It runs under the collector's CSP
// (default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; …), so:
// no inline handler or style (addEventListener and classes only), and every string that
// comes from the server, i.e. from a visitor's browser, reaches the page through
// textContent or setAttribute, never as markup. The chart is SVG built with createElementNS.
//
// The admin token is kept in this tab's sessionStorage only and sent as a Bearer header.

const TOKEN_KEY = 'yinyom-receipts.admin-token';
const LANG_KEY = 'yinyom-receipts.admin-lang';
const CATEGORIES = /** @type {const} */ (['functional', 'analytics', 'marketing']);
const METHODS = /** @type {const} */ (['accept-all', 'reject-all', 'custom']);
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SVG_NS = 'http://www.w3.org/2000/svg';
const EXAMPLE_ID = '0f8c2d4e-1b7a-4c3e-9d2f-6a5b4c3d2e1f';

/** The wording: a government register's, addressing the reader as ท่าน / you, plain words. */
const TEXT = {
  th: {
    docTitle: 'ทะเบียนหลักฐานความยินยอม — yinyom-receipts',
    skip: 'ข้ามไปยังเนื้อหาหลัก',
    title: 'ทะเบียนหลักฐานความยินยอม',
    subtitle: 'สำหรับผู้ดูแลระบบ: ค้นหาหลักฐาน ดูสถิติ และส่งออกข้อมูล',
    langGroup: 'ภาษา',
    signOut: 'ออกจากระบบ',
    signInHeading: 'เข้าสู่ระบบ',
    signInIntro: 'กรุณากรอกรหัสผู้ดูแลระบบ (admin token) ที่เครื่องแม่ข่ายแสดงไว้เมื่อเริ่มทำงาน หรือที่กำหนดไว้ใน YINYOM_ADMIN_TOKEN',
    tokenLabel: 'รหัสผู้ดูแลระบบ',
    tokenStorage:
      'รหัสจะเก็บไว้ใน sessionStorage ของแท็บนี้เท่านั้น ไม่บันทึกลงคุกกี้หรือในเครื่องอย่างถาวร ' +
      'และจะถูกลบเมื่อท่านปิดแท็บหรือกด "ออกจากระบบ"',
    signIn: 'เข้าสู่ระบบ',
    sessionNote: 'ท่านเข้าสู่ระบบแล้ว รหัสผู้ดูแลระบบเก็บไว้ใน sessionStorage ของแท็บนี้เท่านั้น กด "ออกจากระบบ" เพื่อลบ',
    lookupHeading: 'ค้นหาหลักฐานความยินยอม',
    idLabel: 'รหัสหลักฐาน (consent id)',
    idHelp: `รหัส 36 ตัวอักษรที่ผู้เข้าชมเห็นในหน้าตั้งค่าคุกกี้ เช่น ${EXAMPLE_ID} ` + 'ท่านวางข้อความหลักฐานที่ผู้เข้าชมคัดลอกมาทั้งข้อความได้',
    lookup: 'ค้นหา',
    historyHeading: 'ประวัติการเลือก (เก่าสุดก่อน)',
    historyCaption: 'ประวัติการเลือกของหลักฐานนี้ เรียงจากเก่าสุดไปใหม่สุด',
    colUpdatedAt: 'เลือกเมื่อ',
    colMethod: 'วิธีเลือก',
    catFunctional: 'เพื่อการใช้งาน',
    catAnalytics: 'เพื่อการวิเคราะห์',
    catMarketing: 'เพื่อการตลาด',
    colRevision: 'ฉบับของประกาศ',
    colLanguage: 'ภาษา',
    colSource: 'เลือกจาก',
    colEvent: 'เหตุการณ์',
    colPage: 'หน้าเว็บ',
    colDigest: 'ลายนิ้วมือข้อความประกาศ',
    colReceivedAt: 'รับไว้เมื่อ',
    statsHeading: '30 วันที่ผ่านมา',
    refresh: 'โหลดใหม่',
    totalsHeading: 'จำนวนการเลือก',
    chartHeading: 'สัดส่วนผู้ยินยอมรายวัน แยกตามประเภทคุกกี้',
    chartHelp: 'ร้อยละของการเลือกในวันนั้นที่ยินยอมคุกกี้แต่ละประเภท นับเฉพาะการเลือกที่มีประเภทนั้นให้เลือก ' + 'วันที่ไม่มีข้อมูลจะเว้นว่างไว้',
    legendLabel: 'คำอธิบายสัญลักษณ์',
    showTable: 'แสดงตัวเลขเป็นตาราง',
    statsCaption: 'การเลือกและสัดส่วนผู้ยินยอมรายวัน (วันตามเวลาสากล UTC)',
    colDay: 'วันที่',
    colChoices: 'จำนวนการเลือก',
    methodAcceptAll: 'ยอมรับทั้งหมด',
    methodRejectAll: 'ปฏิเสธทั้งหมด',
    methodCustom: 'เลือกเอง',
    exportHeading: 'ส่งออกข้อมูล',
    exportIntro:
      'ดาวน์โหลดหลักฐานความยินยอมตามช่วงวันที่เลือก (นับตามวันที่เลือก เวลาสากล UTC รวมวันแรกและวันสุดท้าย) ' +
      'เป็นไฟล์ CSV สำหรับโปรแกรมตารางคำนวณ หรือ JSON ตามโครงสร้าง ISO/IEC TS 27560',
    fromLabel: 'ตั้งแต่วันที่',
    toLabel: 'ถึงวันที่',
    exportCsv: 'ดาวน์โหลด CSV',
    exportJson: 'ดาวน์โหลด JSON',
    footer:
      'หน้านี้ไม่ใช้คุกกี้ และไม่โหลดสิ่งใดจากภายนอก ข้อมูลทั้งหมดมาจากเครื่องแม่ข่ายนี้ ' +
      'ทะเบียนไม่เก็บหมายเลขไอพีหรือข้อมูลเบราว์เซอร์ของผู้เข้าชม',
    // Messages
    checking: 'กำลังตรวจสอบรหัสผู้ดูแลระบบ…',
    tokenEmpty: 'กรุณากรอกรหัสผู้ดูแลระบบ',
    tokenRejected: 'รหัสผู้ดูแลระบบไม่ถูกต้อง (token not accepted) กรุณาตรวจสอบแล้วเข้าสู่ระบบอีกครั้ง',
    signedIn: 'เข้าสู่ระบบแล้ว',
    signedOut: 'ออกจากระบบแล้ว รหัสผู้ดูแลระบบถูกลบออกจากแท็บนี้แล้ว',
    idInvalid: `รหัสหลักฐานไม่ถูกต้อง กรุณากรอกรหัส 36 ตัวอักษร เช่น ${EXAMPLE_ID}`,
    searching: 'กำลังค้นหา…',
    notFound: (id) => `ไม่พบหลักฐานรหัส ${id} ในทะเบียน`,
    found: (n, id) => `พบ ${n} รายการของหลักฐานรหัส ${id}`,
    historySummary: (id) => `รหัส ${id}`,
    statsLoading: 'กำลังโหลดสถิติ…',
    statsLoaded: 'โหลดสถิติ 30 วันที่ผ่านมาแล้ว',
    statsRange: (from, to) => `ตั้งแต่ ${from} ถึง ${to} (วันตามเวลาสากล UTC)`,
    noChoices: 'ยังไม่มีการเลือกในช่วงนี้',
    totalChoices: 'การเลือกทั้งหมด',
    ofTotal: (share) => `(${share})`,
    granted: 'ยินยอม',
    refused: 'ปฏิเสธ',
    notOffered: 'ไม่ได้ให้เลือก',
    noData: 'ไม่มีข้อมูล',
    notGiven: 'ไม่ระบุ',
    chartTitle: 'กราฟเส้น: สัดส่วนผู้ยินยอมรายวัน แยกตามประเภทคุกกี้',
    chartDesc: 'ตัวเลขชุดเดียวกันอยู่ในตารางใต้กราฟ กด "แสดงตัวเลขเป็นตาราง" เพื่อเปิดดู',
    point: (day, category, share) => `${day} ${category}: ${share}`,
    exportRange: (from, to, n) => `ช่วงที่เลือก: ${from} ถึง ${to} รวม ${n} วัน`,
    exportBadRange: 'กรุณาเลือกวันที่ให้ครบทั้งสองช่อง และวันเริ่มต้นต้องไม่อยู่หลังวันสิ้นสุด',
    exporting: 'กำลังเตรียมไฟล์…',
    exported: (name) => `ดาวน์โหลดไฟล์ ${name} แล้ว`,
    serverError: (status, message) => `เครื่องแม่ข่ายตอบว่า: ${message} (รหัส ${status})`,
    networkError: 'ติดต่อเครื่องแม่ข่ายไม่ได้ กรุณาลองใหม่อีกครั้ง',
    sources: {
      banner: 'แถบแจ้งเตือน',
      preferences: 'หน้าตั้งค่าคุกกี้',
      placeholder: 'กรอบเนื้อหาภายนอก',
      api: 'สคริปต์ของเว็บไซต์',
    },
    events: {
      first: 'เลือกครั้งแรก',
      change: 'เปลี่ยนการเลือก',
      withdrawal: 'ถอนความยินยอม',
      reset: 'ล้างการตั้งค่า',
    },
  },
  en: {
    docTitle: 'Consent receipt register — yinyom-receipts',
    skip: 'Skip to main content',
    title: 'Consent receipt register',
    subtitle: 'For administrators: look up receipts, see statistics and export records',
    langGroup: 'Language',
    signOut: 'Sign out',
    signInHeading: 'Sign in',
    signInIntro:
      'Please enter the admin token that the server printed when it started, or the one set in YINYOM_ADMIN_TOKEN.',
    tokenLabel: 'Admin token',
    tokenStorage:
      "The token is kept in this tab's sessionStorage only: never in a cookie or stored on this computer for good. " +
      'It is removed when you close the tab or press "Sign out".',
    signIn: 'Sign in',
    sessionNote:
      'You are signed in. The admin token is kept in this tab\'s sessionStorage only; press "Sign out" to remove it.',
    lookupHeading: 'Look up a consent receipt',
    idLabel: 'Receipt ID (consent id)',
    idHelp:
      `The 36-character ID the visitor sees in the cookie settings, such as ${EXAMPLE_ID}. ` +
      'You may paste the whole receipt text the visitor copied.',
    lookup: 'Look up',
    historyHeading: 'Choices made (oldest first)',
    historyCaption: 'Choices recorded under this receipt, oldest first',
    colUpdatedAt: 'Chosen at',
    colMethod: 'How',
    catFunctional: 'Functional',
    catAnalytics: 'Analytics',
    catMarketing: 'Marketing',
    colRevision: 'Notice revision',
    colLanguage: 'Language',
    colSource: 'Chosen in',
    colEvent: 'Event',
    colPage: 'Page',
    colDigest: 'Notice digest',
    colReceivedAt: 'Received at',
    statsHeading: 'Last 30 days',
    refresh: 'Reload',
    totalsHeading: 'Choices',
    chartHeading: 'Daily share of visitors who allowed each kind of cookie',
    chartHelp:
      "The share of that day's choices that allowed each kind of cookie, counting only choices where it was offered. " +
      'Days without data are left blank.',
    legendLabel: 'Legend',
    showTable: 'Show the numbers as a table',
    statsCaption: 'Choices and daily opt-in shares (days in UTC)',
    colDay: 'Day',
    colChoices: 'Choices',
    methodAcceptAll: 'Accept all',
    methodRejectAll: 'Reject all',
    methodCustom: 'Own choice',
    exportHeading: 'Export',
    exportIntro:
      'Download the receipts for a range of days (by the day the choice was made, in UTC, first and last day included), ' +
      'as CSV for a spreadsheet or as JSON shaped after ISO/IEC TS 27560.',
    fromLabel: 'From',
    toLabel: 'To',
    exportCsv: 'Download CSV',
    exportJson: 'Download JSON',
    footer:
      'This page sets no cookies and loads nothing from elsewhere: everything comes from this server. ' +
      "The register keeps no visitor's IP address or browser details.",
    checking: 'Checking the admin token…',
    tokenEmpty: 'Please enter the admin token.',
    tokenRejected: 'Token not accepted. Please check it and sign in again.',
    signedIn: 'You are signed in.',
    signedOut: 'You are signed out. The admin token has been removed from this tab.',
    idInvalid: `That is not a receipt ID. Please enter the 36-character ID, such as ${EXAMPLE_ID}.`,
    searching: 'Looking up…',
    notFound: (id) => `No receipt with ID ${id} is in the register.`,
    found: (n, id) => `${n} ${n === 1 ? 'record' : 'records'} found for receipt ID ${id}.`,
    historySummary: (id) => `ID ${id}`,
    statsLoading: 'Loading the statistics…',
    statsLoaded: 'The statistics for the last 30 days are loaded.',
    statsRange: (from, to) => `From ${from} to ${to} (days in UTC)`,
    noChoices: 'No choices in this period yet.',
    totalChoices: 'All choices',
    ofTotal: (share) => `(${share})`,
    granted: 'Granted',
    refused: 'Refused',
    notOffered: 'Not offered',
    noData: 'No data',
    notGiven: 'Not given',
    chartTitle: 'Line chart: daily share of visitors who allowed each kind of cookie',
    chartDesc: 'The same numbers are in the table below the chart: press "Show the numbers as a table".',
    point: (day, category, share) => `${day} ${category}: ${share}`,
    exportRange: (from, to, n) => `Chosen: ${from} to ${to}, ${n} ${n === 1 ? 'day' : 'days'}.`,
    exportBadRange: 'Please choose both days; the first must not be after the last.',
    exporting: 'Preparing the file…',
    exported: (name) => `Downloaded ${name}.`,
    serverError: (status, message) => `The server answered: ${message} (status ${status}).`,
    networkError: 'The server could not be reached. Please try again.',
    sources: {
      banner: 'Banner',
      preferences: 'Cookie settings',
      placeholder: 'Content placeholder',
      api: "Site's script",
    },
    events: {
      first: 'First choice',
      change: 'Change',
      withdrawal: 'Withdrawal',
      reset: 'Reset',
    },
  },
};

const CATEGORY_KEYS = { functional: 'catFunctional', analytics: 'catAnalytics', marketing: 'catMarketing' };
const METHOD_KEYS = { 'accept-all': 'methodAcceptAll', 'reject-all': 'methodRejectAll', custom: 'methodCustom' };

/* ------------------------------------------------------------------ state */

const state = {
  lang: initialLang(),
  /** @type {{ id: string, records: any[] } | null} */
  history: null,
  /** @type {any | null} the last /stats answer */
  stats: null,
  /** @type {{ key: string, args: any[], kind: string } | null} */
  status: null,
  busy: false,
};

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const el = {
  status: $('status'),
  signinSection: $('signin-section'),
  signinForm: /** @type {HTMLFormElement} */ ($('signin-form')),
  token: /** @type {HTMLInputElement} */ ($('token')),
  tokenError: $('token-error'),
  signout: $('signout'),
  admin: $('admin'),
  lookupForm: /** @type {HTMLFormElement} */ ($('lookup-form')),
  receiptId: /** @type {HTMLInputElement} */ ($('receipt-id')),
  idError: $('id-error'),
  lookupResult: $('lookup-result'),
  historySummary: $('history-summary'),
  historyBody: /** @type {HTMLTableSectionElement} */ ($('history-table').querySelector('tbody')),
  statsRefresh: $('stats-refresh'),
  statsRange: $('stats-range'),
  totals: $('totals'),
  legend: $('legend'),
  chart: $('chart'),
  statsBody: /** @type {HTMLTableSectionElement} */ ($('stats-table').querySelector('tbody')),
  exportForm: /** @type {HTMLFormElement} */ ($('export-form')),
  exportFrom: /** @type {HTMLInputElement} */ ($('export-from')),
  exportTo: /** @type {HTMLInputElement} */ ($('export-to')),
  exportRange: $('export-range'),
};

/* --------------------------------------------------------------- storage */

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage blocked: the token then lives for this page only
  }
}
let memoryToken = '';
function getToken() {
  return storage()?.getItem(TOKEN_KEY) ?? memoryToken;
}
function setToken(token) {
  memoryToken = token;
  try {
    storage()?.setItem(TOKEN_KEY, token);
  } catch {
    /* quota or blocked: memoryToken is enough */
  }
}
function clearToken() {
  memoryToken = '';
  try {
    storage()?.removeItem(TOKEN_KEY);
  } catch {
    /* nothing stored */
  }
}

function initialLang() {
  try {
    const saved = window.sessionStorage.getItem(LANG_KEY);
    if (saved === 'th' || saved === 'en') return saved;
  } catch {
    /* no storage: follow the browser */
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language || 'th'];
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (primary === 'th' || primary === 'en') return primary;
  }
  return 'th';
}

/* ------------------------------------------------------------------- text */

function t(key, ...args) {
  const value = TEXT[state.lang][key] ?? TEXT.th[key];
  return typeof value === 'function' ? value(...args) : value;
}

function locale() {
  return state.lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
}

function formatDateTime(iso) {
  const date = new Date(iso);
  if (typeof iso !== 'string' || Number.isNaN(date.getTime())) return null;
  // dateStyle/timeStyle keep "14:05:09" in Thai too (adding timeZoneName to the other options
  // spells the time out in words), so the zone is formatted on its own and appended.
  const text = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  const zone = new Intl.DateTimeFormat(locale(), { timeZoneName: 'short' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return zone ? `${text} ${zone}` : text;
}

/** A UTC day (YYYY-MM-DD) as a date in the chosen language, never shifted by the local zone. */
function formatDay(day, short = false) {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(
    locale(),
    short
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
  ).format(date);
}

function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

function formatShare(share) {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

function languageName(code) {
  try {
    const name = new Intl.DisplayNames([state.lang], { type: 'language' }).of(code);
    if (name && name !== code) return `${name} (${code})`;
  } catch {
    /* not a language code Intl knows: show it as stored */
  }
  return code;
}

/* ------------------------------------------------------------------- DOM */

/** An element whose text, if any, is set with textContent: never parsed as HTML. */
function h(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function timeElement(iso, formatted) {
  if (formatted === null) return h('span', { text: iso ?? t('notGiven') });
  return h('time', { text: formatted, attrs: { datetime: iso } });
}

function setStatus(kind, key, ...args) {
  state.status = { kind, key, args };
  renderStatus();
}

function renderStatus() {
  const s = state.status;
  el.status.className = s ? `status status-${s.kind}` : 'status';
  el.status.textContent = s ? t(s.key, ...s.args) : '';
}

function fieldError(input, errorNode, key) {
  if (key) {
    input.setAttribute('aria-invalid', 'true');
    errorNode.textContent = t(key);
    errorNode.dataset.key = key;
    errorNode.hidden = false;
  } else {
    input.removeAttribute('aria-invalid');
    errorNode.textContent = '';
    delete errorNode.dataset.key;
    errorNode.hidden = true;
  }
}

function applyLanguage() {
  const root = document.documentElement;
  root.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {HTMLElement} */ (node).dataset.i18n;
    node.textContent = t(key);
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(/** @type {HTMLElement} */ (node).dataset.i18nLabel));
  }
  for (const button of document.querySelectorAll('.lang-button')) {
    button.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (button).dataset.lang === state.lang));
  }
  for (const node of document.querySelectorAll('.field-error[data-key]')) {
    node.textContent = t(/** @type {HTMLElement} */ (node).dataset.key);
  }
  renderStatus();
  renderLegend();
  renderHistory();
  renderStats();
  renderExportRange();
}

/* ------------------------------------------------------------------- API */

class Unauthorized extends Error {}

/**
 * A GET to the collector with the Bearer token. A 401 throws Unauthorized (the caller goes back
 * to sign-in with `rejected()`); a network failure throws with `networkError` already shown.
 */
async function get(path, token = getToken()) {
  // The server takes a token of visible ASCII characters (`Bearer <token>`); anything else could
  // not be sent in a header at all, so it is refused here without a request.
  if (!/^[\x21-\x7e]+$/.test(token)) throw new Unauthorized();
  let response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
      credentials: 'same-origin',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    setStatus('error', 'networkError');
    throw error;
  }
  if (response.status === 401) throw new Unauthorized();
  return response;
}

async function errorMessage(response) {
  let message = response.statusText || String(response.status);
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') message = body.error;
  } catch {
    /* not JSON: the status text will do */
  }
  return message;
}

/** A request that failed: back to sign-in on 401, otherwise say so (unless already said). */
function failed(error) {
  if (error instanceof Unauthorized) rejected();
  else if (state.status?.kind !== 'error') setStatus('error', 'serverError', '-', String(error?.message ?? error));
}

/**
 * Back to the sign-in form with "token not accepted". A token typed just now stays in the field
 * (to correct a typo); one refused later (say the collector restarted with another) is cleared.
 */
function rejected({ keepTyped = false } = {}) {
  const typed = el.token.value;
  signOut({ silent: true });
  if (keepTyped) el.token.value = typed;
  setStatus('error', 'tokenRejected');
  fieldError(el.token, el.tokenError, 'tokenRejected');
  el.token.focus();
}

/* --------------------------------------------------------------- sign-in */

function showSignedIn(signedIn) {
  el.signinSection.hidden = signedIn;
  el.admin.hidden = !signedIn;
  el.signout.hidden = !signedIn;
}

function signOut({ silent = false } = {}) {
  clearToken();
  state.history = null;
  state.stats = null;
  el.token.value = '';
  el.receiptId.value = '';
  fieldError(el.receiptId, el.idError, null);
  renderHistory();
  renderStats();
  showSignedIn(false);
  if (!silent) {
    fieldError(el.token, el.tokenError, null);
    setStatus('ok', 'signedOut');
    el.token.focus();
  }
}

/** Tries `token` on GET /stats (which the page shows anyway): 2xx signs in, 401 does not. */
async function signIn(token, { restoring = false } = {}) {
  setStatus('info', 'checking');
  let response;
  try {
    response = await get('/stats', token);
  } catch (error) {
    if (error instanceof Unauthorized) rejected({ keepTyped: !restoring });
    else if (restoring) showSignedIn(false);
    return;
  }
  if (!response.ok) {
    setStatus('error', 'serverError', response.status, await errorMessage(response));
    if (restoring) showSignedIn(false);
    return;
  }
  let data;
  try {
    data = await response.json();
  } catch {
    setStatus('error', 'serverError', response.status, 'invalid JSON');
    if (restoring) showSignedIn(false);
    return;
  }
  setToken(token);
  el.token.value = '';
  fieldError(el.token, el.tokenError, null);
  state.stats = data;
  showSignedIn(true);
  renderStats();
  setStatus('ok', 'signedIn');
  if (!restoring) el.receiptId.focus();
}

el.signinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.busy) return;
  const token = el.token.value.trim();
  if (!token) {
    fieldError(el.token, el.tokenError, 'tokenEmpty');
    setStatus('error', 'tokenEmpty');
    el.token.focus();
    return;
  }
  state.busy = true;
  try {
    await signIn(token);
  } finally {
    state.busy = false;
  }
});

el.signout.addEventListener('click', () => signOut());

/* ---------------------------------------------------------------- lookup */

el.lookupForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.busy) return;
  const match = el.receiptId.value.match(UUID_ANYWHERE);
  if (!match) {
    fieldError(el.receiptId, el.idError, 'idInvalid');
    setStatus('error', 'idInvalid');
    el.receiptId.focus();
    return;
  }
  const id = match[0].toLowerCase();
  el.receiptId.value = id;
  fieldError(el.receiptId, el.idError, null);
  state.busy = true;
  setStatus('info', 'searching');
  try {
    const response = await get(`/receipts/${encodeURIComponent(id)}`);
    if (response.status === 404) {
      state.history = null;
      renderHistory();
      setStatus('error', 'notFound', id);
      return;
    }
    if (response.status === 400) {
      state.history = null;
      renderHistory();
      fieldError(el.receiptId, el.idError, 'idInvalid');
      setStatus('error', 'idInvalid');
      return;
    }
    if (!response.ok) {
      setStatus('error', 'serverError', response.status, await errorMessage(response));
      return;
    }
    const data = await response.json();
    const records = Array.isArray(data?.records) ? [...data.records] : [];
    // The server answers oldest first; sorting again costs nothing and keeps the promise.
    records.sort((a, b) => String(a?.updatedAt).localeCompare(String(b?.updatedAt)));
    state.history = { id, records };
    renderHistory();
    setStatus('ok', 'found', records.length, id);
  } catch (error) {
    failed(error);
  } finally {
    state.busy = false;
  }
});

function categoryState(record, name) {
  const categories = record?.categories && typeof record.categories === 'object' ? record.categories : record;
  const value = categories?.[name];
  if (value === true || value === 1) return 'granted';
  if (value === false || value === 0) return 'refused';
  return 'notOffered';
}

function labelled(map, value) {
  if (value === undefined || value === null || value === '') return t('notGiven');
  return map?.[value] ?? String(value);
}

function renderHistory() {
  el.historyBody.replaceChildren();
  const history = state.history;
  el.lookupResult.hidden = !history;
  if (!history) {
    el.historySummary.textContent = '';
    return;
  }
  el.historySummary.textContent = t('historySummary', history.id);
  for (const record of history.records) {
    const row = h('tr');
    row.append(
      h('th', { attrs: { scope: 'row' } }, [timeElement(record.updatedAt, formatDateTime(record.updatedAt))]),
      h('td', { text: METHOD_KEYS[record.method] ? t(METHOD_KEYS[record.method]) : labelled(null, record.method) }),
    );
    for (const category of CATEGORIES) {
      const value = categoryState(record, category);
      row.append(
        h('td', {}, [
          h('span', { className: `choice choice-${value}` }, [
            h('span', {
              className: 'choice-mark',
              text: { granted: '✓', refused: '✕', notOffered: '–' }[value],
              attrs: { 'aria-hidden': 'true' },
            }),
            h('span', { text: t(value) }),
          ]),
        ]),
      );
    }
    row.append(
      h('td', { className: 'break' }, [h('span', { text: labelled(null, record.revision) })]),
      h('td', { text: record.language ? languageName(String(record.language)) : t('notGiven') }),
      h('td', { text: labelled(t('sources'), record.source) }),
      h('td', { text: labelled(t('events'), record.event) }),
      h('td', { className: 'break url', attrs: { dir: 'ltr', translate: 'no' } }, [
        h('span', { text: labelled(null, record.page) }),
      ]),
      h('td', { className: 'break' }, [
        record.noticeDigest ? h('code', { text: record.noticeDigest }) : h('span', { text: t('notGiven') }),
      ]),
      h('td', {}, [timeElement(record.receivedAt, formatDateTime(record.receivedAt))]),
    );
    el.historyBody.append(row);
  }
}

/* ----------------------------------------------------------------- stats */

el.statsRefresh.addEventListener('click', () => loadStats());

async function loadStats() {
  if (state.busy) return;
  state.busy = true;
  setStatus('info', 'statsLoading');
  try {
    const response = await get('/stats');
    if (!response.ok) {
      setStatus('error', 'serverError', response.status, await errorMessage(response));
      return;
    }
    state.stats = await response.json();
    renderStats();
    setStatus('ok', 'statsLoaded');
  } catch (error) {
    failed(error);
  } finally {
    state.busy = false;
  }
}

function addDays(day, n) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/**
 * Every day from `from` to `to`, with the server's numbers where it has some: the server may
 * list only days that have choices, and the chart must show the others as gaps.
 */
function statsDays(stats) {
  const given = new Map();
  for (const day of Array.isArray(stats?.days) ? stats.days : []) {
    if (day && typeof day.day === 'string' && DAY.test(day.day)) given.set(day.day, day);
  }
  const known = [...given.keys()].sort();
  const from = DAY.test(stats?.from ?? '') ? stats.from : known[0];
  const to = DAY.test(stats?.to ?? '') ? stats.to : known.at(-1);
  const days = [];
  if (from && to) {
    for (let day = from, i = 0; day <= to && i < 400; day = addDays(day, 1), i++) days.push(day);
  } else {
    days.push(...known);
  }
  return days.map((day) => {
    const found = given.get(day);
    const methods = {};
    for (const method of METHODS) methods[method] = Number(found?.methods?.[method] ?? 0) || 0;
    const granted = {};
    for (const category of CATEGORIES) {
      const share = found?.granted?.[category];
      granted[category] = typeof share === 'number' && Number.isFinite(share) ? share : null;
    }
    return { day, choices: Number(found?.choices ?? 0) || 0, methods, granted };
  });
}

function renderStats() {
  const stats = state.stats;
  el.totals.replaceChildren();
  el.statsBody.replaceChildren();
  el.chart.replaceChildren();
  el.statsRange.textContent = '';
  if (!stats) return;
  const days = statsDays(stats);
  if (days.length) el.statsRange.textContent = t('statsRange', formatDay(days[0].day), formatDay(days.at(-1).day));

  // Totals of choices and methods.
  const total = days.reduce((sum, d) => sum + d.choices, 0);
  const totals = [[t('totalChoices'), total, null]];
  for (const method of METHODS) {
    const n = days.reduce((sum, d) => sum + d.methods[method], 0);
    totals.push([t(METHOD_KEYS[method]), n, total ? n / total : null]);
  }
  for (const [label, n, share] of totals) {
    el.totals.append(
      h('div', { className: 'total' }, [
        h('dt', { text: label }),
        h('dd', {}, [
          h('span', { className: 'total-number', text: formatNumber(n) }),
          share === null ? null : h('span', { className: 'total-share', text: ` ${t('ofTotal', formatShare(share))}` }),
        ]),
      ]),
    );
  }

  // The table: the same numbers as the chart.
  for (const d of days) {
    const row = h('tr', d.choices ? {} : { className: 'empty' });
    row.append(
      h('th', { attrs: { scope: 'row' } }, [h('time', { text: formatDay(d.day), attrs: { datetime: d.day } })]),
      h('td', { className: 'num', text: formatNumber(d.choices) }),
      ...METHODS.map((method) => h('td', { className: 'num', text: formatNumber(d.methods[method]) })),
      ...CATEGORIES.map((category) =>
        h('td', {
          className: 'num',
          text: d.granted[category] === null ? t('noData') : formatShare(d.granted[category]),
        }),
      ),
    );
    el.statsBody.append(row);
  }

  drawChart(days);
}

/** A legend entry's or a point's marker: circle, square or triangle, so colour is not the only cue. */
function marker(category, x, y, r) {
  if (category === 'functional') return svg('circle', { cx: x, cy: y, r, class: `marker marker-${category}` });
  if (category === 'analytics') {
    return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, class: `marker marker-${category}` });
  }
  const k = r * 1.25;
  return svg('polygon', {
    points: `${x},${y - k} ${x + k},${y + k * 0.8} ${x - k},${y + k * 0.8}`,
    class: `marker marker-${category}`,
  });
}

function renderLegend() {
  el.legend.replaceChildren();
  for (const category of CATEGORIES) {
    const sample = svg('svg', {
      viewBox: '0 0 40 16',
      width: 40,
      height: 16,
      'aria-hidden': 'true',
      focusable: 'false',
    });
    sample.append(
      svg('line', { x1: 2, y1: 8, x2: 38, y2: 8, class: `line line-${category}` }),
      marker(category, 20, 8, 4.5),
    );
    el.legend.append(h('li', {}, [sample, h('span', { text: t(CATEGORY_KEYS[category]) })]));
  }
}

let chartWidth = 0;

function drawChart(days) {
  el.chart.replaceChildren();
  if (!days.length) return;
  const width = Math.max(280, Math.round(el.chart.clientWidth || 640));
  chartWidth = width;
  const narrow = width < 520;
  const height = narrow ? 240 : 300;
  const margin = { top: 16, right: 16, bottom: 40, left: narrow ? 44 : 52 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (i) => margin.left + (days.length === 1 ? plotW / 2 : (i * plotW) / (days.length - 1));
  const y = (share) => margin.top + (1 - share) * plotH;

  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
    class: 'chart-svg',
  });
  root.append(svg('title', { id: 'chart-title' }, t('chartTitle')), svg('desc', { id: 'chart-desc' }, t('chartDesc')));

  // Horizontal grid and the 0–100 % axis.
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    grid.append(
      svg('line', {
        x1: margin.left,
        x2: width - margin.right,
        y1: y(share),
        y2: y(share),
        class: share === 0 ? 'axis' : 'gridline',
      }),
      svg(
        'text',
        { x: margin.left - 8, y: y(share), class: 'tick tick-y', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        formatShare(share),
      ),
    );
  }
  // Day labels: as many as fit, always the first and the last.
  const every = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(plotW / (narrow ? 64 : 72)))));
  days.forEach((d, i) => {
    const last = i === days.length - 1;
    if (i % every !== 0 && !last) return;
    if (!last && days.length - 1 - i < every && i !== 0) return; // keep clear of the last label
    grid.append(
      svg('line', { x1: x(i), x2: x(i), y1: margin.top + plotH, y2: margin.top + plotH + 5, class: 'axis' }),
      svg(
        'text',
        {
          x: x(i),
          y: margin.top + plotH + 22,
          class: 'tick tick-x',
          'text-anchor': i === 0 && days.length > 1 ? 'start' : last && days.length > 1 ? 'end' : 'middle',
        },
        formatDay(d.day, true),
      ),
    );
  });
  root.append(grid);

  // One line per category, broken where a day has no data, and a marker on each point.
  for (const category of CATEGORIES) {
    const series = svg('g', { class: `series series-${category}` });
    let path = '';
    let pen = false;
    days.forEach((d, i) => {
      const share = d.granted[category];
      if (share === null) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(share).toFixed(1)} `;
      pen = true;
    });
    if (path) series.append(svg('path', { d: path.trim(), class: `line line-${category}` }));
    days.forEach((d, i) => {
      const share = d.granted[category];
      if (share === null) return;
      const point = marker(category, x(i), y(share), narrow ? 3.5 : 4.5);
      point.setAttribute('data-day', d.day);
      point.setAttribute('data-share', String(share));
      point.append(svg('title', {}, t('point', formatDay(d.day), t(CATEGORY_KEYS[category]), formatShare(share))));
      series.append(point);
    });
    root.append(series);
  }
  el.chart.append(root);
}

// Redraw when the chart's box changes width (phone turned, window resized, zoom).
if ('ResizeObserver' in window) {
  let frame = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (state.stats && Math.abs(Math.round(el.chart.clientWidth) - chartWidth) > 1) drawChart(statsDays(state.stats));
    });
  }).observe(el.chart);
}

/* ---------------------------------------------------------------- export */

function today() {
  return new Date().toISOString().slice(0, 10);
}

el.exportTo.value = today();
el.exportFrom.value = addDays(today(), -29);

/** The chosen range in words, in the page's calendar (a date field shows the browser's own). */
function renderExportRange() {
  const from = el.exportFrom.value;
  const to = el.exportTo.value;
  el.exportRange.textContent =
    DAY.test(from) && DAY.test(to) && from <= to
      ? t('exportRange', formatDay(from), formatDay(to), daysIn(from, to))
      : '';
}
const daysIn = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
el.exportFrom.addEventListener('input', renderExportRange);
el.exportTo.addEventListener('input', renderExportRange);

el.exportForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.busy) return;
  const submitter = /** @type {HTMLElement | null} */ (/** @type {SubmitEvent} */ (event).submitter);
  const format = submitter?.dataset.format === 'json' ? 'json' : 'csv';
  const from = el.exportFrom.value;
  const to = el.exportTo.value;
  if (!DAY.test(from) || !DAY.test(to) || from > to) {
    setStatus('error', 'exportBadRange');
    (DAY.test(from) ? el.exportTo : el.exportFrom).focus();
    return;
  }
  state.busy = true;
  setStatus('info', 'exporting');
  try {
    const query = new URLSearchParams({ from, to, format });
    const response = await get(`/export?${query}`);
    if (!response.ok) {
      setStatus('error', 'serverError', response.status, await errorMessage(response));
      return;
    }
    const blob = await response.blob();
    const name = fileName(response.headers.get('Content-Disposition')) ?? `yinyom-receipts-${from}-${to}.${format}`;
    save(blob, name);
    setStatus('ok', 'exported', name);
  } catch (error) {
    failed(error);
  } finally {
    state.busy = false;
  }
});

/** The server's file name, if it is a plain one. */
function fileName(disposition) {
  const match = /filename="?([A-Za-z0-9._-]{1,200})"?/.exec(disposition ?? '');
  return match ? match[1] : null;
}

/** A plain link cannot carry the Bearer header: the file is fetched, then saved from a Blob. */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { attrs: { href: url, download: name }, className: 'visually-hidden' });
  link.tabIndex = -1;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/* -------------------------------------------------------------- language */

for (const button of document.querySelectorAll('.lang-button')) {
  button.addEventListener('click', () => {
    const lang = /** @type {HTMLElement} */ (button).dataset.lang;
    if (lang !== 'th' && lang !== 'en') return;
    state.lang = lang;
    try {
      window.sessionStorage.setItem(LANG_KEY, lang);
    } catch {
      /* the choice lasts for this page only */
    }
    applyLanguage();
  });
}

/* ----------------------------------------------------------------- start */

applyLanguage();
const saved = getToken();
if (saved) {
  signIn(saved, { restoring: true });
} else {
  showSignedIn(false);
}
