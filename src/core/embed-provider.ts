/** The name a visitor knows an embed's source by: "YouTube", not "www.youtube-nocookie.com". */
export function providerName(url: string): string {
  let host: string;
  try {
    host = new URL(url, 'https://base.invalid/').hostname;
  } catch {
    return '';
  }
  if (/(^|\.)youtube(-nocookie)?\.com$|(^|\.)youtu\.be$/.test(host)) return 'YouTube';
  if (/(^|\.)google\.[a-z.]+$/.test(host) && /\/maps/.test(url)) return 'Google Maps';
  if (/(^|\.)facebook\.com$/.test(host)) return 'Facebook';
  if (/(^|\.)vimeo\.com$/.test(host)) return 'Vimeo';
  return host === 'base.invalid' ? '' : host.replace(/^www\./, '');
}
