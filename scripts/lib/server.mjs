// @ts-check
/**
 * The one static server of the repository's tools (node:http on 127.0.0.1, no dependency):
 *
 * - the demo: scripts/serve.mjs (`npm start`), also used by scripts/screenshot.mjs;
 * - the e2e suite: test/e2e/harness.mjs adds a real Content-Security-Policy header to its
 *   CSP pages and answers first-party beacons (`headers` and `route` below);
 * - the benchmark: bench/run.mjs serves its pages with brotli like a CDN, /lib/ from
 *   node_modules (`mounts`, `transform`, `brotli`).
 *
 * Every answer has Cache-Control: no-store. A file gets its type, Content-Length and
 * X-Content-Type-Options: nosniff; a directory its index.html (after a 301 to the path with
 * a slash). `..` and `.` segments, backslashes and NUL bytes are refused (403), encoded or
 * not; methods other than GET and HEAD get 405 unless `route` answers them.
 *
 *   import { startServer } from './lib/server.mjs';
 *   const server = await startServer();          // the repository root, any free port
 *   await page.goto(server.url('/demo/'));  …  await server.close();
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

/** The repository root, served by default. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 20;

/** @type {Record<string, string>} */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/**
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string | Buffer }} Answer
 * @typedef {{ method: string, path: string, status: number }} LoggedRequest
 * @typedef {object} ServerOptions
 * @property {string} [root] the directory served at `/` (default: the repository root)
 * @property {Record<string, string>} [mounts] URL prefix ending in `/` → the directory it serves, e.g.
 *   `{ '/lib/': 'node_modules' }`; the longest matching prefix wins over `root`
 * @property {number} [port] 0 (default): any free port; a busy fixed port moves on to the next ones
 * @property {Record<string, string>} [redirects] exact path → where a 302 sends it
 * @property {(request: { req: import('node:http').IncomingMessage, url: URL, origin: string }) => Answer | undefined} [route]
 *   answers a request itself (stub endpoints, refusals) before any file is looked up
 * @property {(response: { url: URL, file: string, origin: string }) => Record<string, string> | undefined} [headers]
 *   extra headers for a file's response (e.g. a real Content-Security-Policy)
 * @property {(file: string, body: Buffer) => Buffer | string} [transform] rewrites a file before it is sent
 * @property {boolean} [brotli] send `Content-Encoding: br` (quality 11) to clients that accept it; each
 *   file is then read and compressed once and kept in memory
 * @property {boolean} [log] keep every request in `requests`
 */

/**
 * Starts a server. Resolves `{ server, port, origin, url(path), requests, close() }`.
 * @param {ServerOptions} [options]
 */
export async function startServer(options = {}) {
  const root = resolve(options.root ?? ROOT);
  const mounts = Object.entries(options.mounts ?? {})
    .map(([prefix, dir]) => /** @type {const} */ ([prefix, resolve(ROOT, dir)]))
    .sort(([a], [b]) => b.length - a.length);
  const redirects = options.redirects ?? {};
  /** @type {Map<string, { body: Buffer, br?: Buffer }>} */
  const cache = new Map();
  /** @type {LoggedRequest[]} */
  const requests = [];
  let origin = '';

  /** The body of `file`, transformed (and compressed and kept, with `brotli`). */
  async function load(file) {
    const cached = cache.get(file);
    if (cached) return cached;
    let body = await readFile(file);
    if (options.transform) body = Buffer.from(options.transform(file, body));
    if (!options.brotli) return { body };
    const br = brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const entry = { body, br };
    cache.set(file, entry);
    return entry;
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function answer(req, res) {
    const method = req.method ?? 'GET';
    const raw = (req.url ?? '/').split(/[?#]/)[0];
    /** @param {number} status @param {string | Buffer} body @param {Record<string, string>} [headers] */
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    let url;
    let pathname;
    try {
      url = new URL(origin + (req.url ?? '/'));
      // Decode the raw path ourselves: new URL() would silently resolve `..` segments.
      pathname = decodeURIComponent(raw);
    } catch {
      send(400, 'Bad Request\n');
      return;
    }
    const routed = options.route?.({ req, url, origin });
    if (routed) {
      req.resume();
      send(routed.status, routed.body ?? '', routed.headers);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      send(405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const target = redirects[pathname];
    if (target) {
      send(302, `Found: ${target}\n`, { Location: target });
      return;
    }
    if (
      !pathname.startsWith('/') ||
      pathname.includes('\0') ||
      pathname.includes('\\') ||
      pathname.split('/').some((segment) => segment === '..' || segment === '.')
    ) {
      send(403, 'Forbidden\n');
      return;
    }
    const [prefix, base] = mounts.find(([p]) => pathname.startsWith(p)) ?? ['/', root];
    let file = resolve(join(base, pathname.slice(prefix.length - 1)));
    if (file !== base && !file.startsWith(base + sep)) {
      send(403, 'Forbidden\n');
      return;
    }
    let entry;
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) {
          send(301, 'Moved\n', { Location: `${raw}/` });
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw new Error('not a file');
      entry = await load(file);
    } catch {
      send(404, 'Not Found\n');
      return;
    }
    const br = Boolean(entry.br) && /\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = br && entry.br ? entry.br : entry.body;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(options.brotli ? { Vary: 'Accept-Encoding' } : {}),
      ...(br ? { 'Content-Encoding': 'br' } : {}),
      ...options.headers?.({ url, file, origin }),
    });
    res.end(method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    if (options.log) {
      res.on('finish', () => requests.push({ method: req.method ?? '', path: req.url ?? '', status: res.statusCode }));
    }
    answer(req, res).catch((error) => {
      if (!res.headersSent)
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`${error?.message ?? error}\n`);
    });
  });

  let port = Number(options.port ?? 0);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await listen(server, port);
      break;
    } catch (error) {
      if (/** @type {any} */ (error).code !== 'EADDRINUSE' || port === 0 || attempt >= PORT_ATTEMPTS) throw error;
      port += 1;
    }
  }
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  origin = `http://${HOST}:${port}`;
  return {
    server,
    port,
    origin,
    /** The absolute URL of a path on this server. */
    url: (path = '/') => origin + path,
    /** Every request answered so far (with `log: true`): `{ method, path, status }`. */
    requests,
    close: () =>
      /** @type {Promise<void>} */ (
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections?.();
        })
      ),
  };
}

/** @param {import('node:http').Server} server @param {number} port */
function listen(server, port) {
  return new Promise((ok, fail) => {
    const onError = (/** @type {Error} */ error) => {
      server.off('listening', onListening);
      fail(error);
    };
    const onListening = () => {
      server.off('error', onError);
      ok(undefined);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}
