// Stand-in for an external analytics tag (e.g. gtag.js). It is loaded only after the
// visitor allows "analytics", because the page includes it as
// <script type="text/plain" data-consent="analytics" src="analytics-demo.js">.
(function () {
  const report = window.demoReport;
  if (typeof report === 'function') {
    report('สคริปต์วิเคราะห์ภายนอก (analytics-demo.js) ทำงานแล้ว', 'external');
  }
  window.demoAnalytics = { loadedAt: new Date().toISOString() };
})();
