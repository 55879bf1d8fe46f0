// The admin page: plain static files from the package's admin/ folder (index.html, admin.js,
// admin.css, no build step), served without authentication — the page itself asks for the token
// and sends it as a Bearer header from its script. A strict CSP forbids any inline code.

import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export const ADMIN_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': ADMIN_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The package's admin/ folder (next to dist/). */
export const DEFAULT_ADMIN_DIR = fileURLToPath(new URL('../admin/', import.meta.url));

/** The files the page needs; without any of them the package is incomplete. */
export const REQUIRED_ADMIN_FILES = ['index.html', 'admin.js', 'admin.css'] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export type AdminAnswer = { status: 200; type: string; body: Buffer } | { status: 404; error: string };

/**
 * Resolves a request path under /admin to a file of the admin folder: `/admin` and `/admin/`
 * are index.html; `/admin/<name>` a file directly in the folder (no sub-folders, no dot files,
 * only the types above). Any other name is 404.
 */
export async function adminFile(pathname: string, dir: string = DEFAULT_ADMIN_DIR): Promise<AdminAnswer> {
  const name = pathname === '/admin' || pathname === '/admin/' ? 'index.html' : pathname.slice('/admin/'.length);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..')) {
    return { status: 404, error: 'not found' };
  }
  const dot = name.lastIndexOf('.');
  const type = dot > 0 ? TYPES[name.slice(dot).toLowerCase()] : undefined;
  if (!type) return { status: 404, error: 'not found' };
  if (name === 'index.html') {
    // The page is useless without its script and style: say so rather than serve half of it.
    for (const required of REQUIRED_ADMIN_FILES) {
      try {
        await access(join(dir, required));
      } catch {
        return { status: 404, error: missing(required) };
      }
    }
  }
  try {
    return { status: 200, type, body: await readFile(join(dir, name)) };
  } catch {
    if ((REQUIRED_ADMIN_FILES as readonly string[]).includes(name)) {
      return { status: 404, error: missing(name) };
    }
    return { status: 404, error: 'not found' };
  }
}

function missing(name: string): string {
  return `admin page not installed: admin/${name} is missing from the yinyom-receipts package (incomplete package)`;
}
