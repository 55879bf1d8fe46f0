/**
 * A cookie may have been set for any parent domain of the page, and deleting it needs the
 * same Domain it was set with. Without a public-suffix list we go up to two labels: the
 * browser refuses `Domain=go.th` on its own, so offering it costs one ignored write.
 */
export function domainCandidates(hostname: string): string[] {
  const host = String(hostname ?? '')
    .toLowerCase()
    .replace(/\.+$/, '');
  if (!host) return [];
  // IPs and localhost have no parent domain to walk up to
  if (host === 'localhost' || host.includes(':') || /^[\d.]+$/.test(host)) return [host];
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out.length ? out : [host];
}
