/** The name a visitor knows an embed's source by: "YouTube", not "www.youtube-nocookie.com". */
export function providerName(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://base.invalid/');
  } catch {
    return '';
  }
  const host = parsed.hostname;
  if (/(^|\.)youtube(-nocookie)?\.com$|(^|\.)youtu\.be$/.test(host)) return 'YouTube';
  // google.com, google.co.th, google.com.au… and nothing that merely contains "google.":
  // a placeholder must not lend Google's name to another host.
  if (
    /^(www\.|maps\.)?google\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/.test(host) &&
    parsed.pathname.startsWith('/maps')
  )
    return 'Google Maps';
  if (/(^|\.)facebook\.com$/.test(host)) return 'Facebook';
  if (/(^|\.)vimeo\.com$/.test(host)) return 'Vimeo';
  return host === 'base.invalid' ? '' : host.replace(/^www\./, '');
}
