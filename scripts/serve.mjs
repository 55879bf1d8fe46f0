// A tiny zero-dependency static server for the demo: serves the repository root (so
// /demo/ and /dist/ both work) on 127.0.0.1. `npm start` builds first, then runs this.
//
//   node scripts/serve.mjs            # PORT env or 8080; the next free port if busy
//   import { startServer } from './serve.mjs'; const { url, close } = await startServer({ port: 0 });
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const DEFAULT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PORT_ATTEMPTS = 20;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function handler(root) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname;
    try {
      // Decode the raw path ourselves: new URL() would silently resolve `..` segments.
      pathname = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]);
    } catch {
      send(res, 400, 'Bad Request\n');
      return;
    }
    if (pathname === '/') {
      send(res, 302, 'Found: /demo/\n', { Location: '/demo/' });
      return;
    }
    // Refuse traversal outright (encoded or not), NUL bytes and backslashes.
    if (
      !pathname.startsWith('/') ||
      pathname.includes('\0') ||
      pathname.includes('\\') ||
      pathname.split('/').some((segment) => segment === '..' || segment === '.')
    ) {
      send(res, 403, 'Forbidden\n');
      return;
    }
    let file = resolve(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      send(res, 403, 'Forbidden\n');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) {
          send(res, 301, 'Moved\n', { Location: `${pathname}/` });
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      send(res, 404, 'Not Found\n');
    }
  };
}

function listen(server, port) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Starts the static server. `port: 0` picks any free port; otherwise a busy port moves
 * on to the next ones. Resolves to `{ server, port, url, close() }` (url is the demo page).
 */
export async function startServer({ port = 8080, root = DEFAULT_ROOT } = {}) {
  const base = resolve(root);
  const server = createServer(handler(base));
  let candidate = Number(port);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await listen(server, candidate);
      break;
    } catch (error) {
      if (error.code !== 'EADDRINUSE' || candidate === 0 || attempt >= PORT_ATTEMPTS - 1) throw error;
      candidate += 1;
    }
  }
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://${HOST}:${actual}/demo/`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections?.();
      }),
  };
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (runDirectly) {
  const port = process.env.PORT ? Number.parseInt(process.env.PORT, 10) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`yinyom demo: invalid PORT "${process.env.PORT}"`);
    process.exit(1);
  }
  startServer({ port }).then(
    ({ url }) => console.log(`yinyom demo: ${url}`),
    (error) => {
      console.error(`yinyom demo: could not start the server: ${error.message}`);
      process.exit(1);
    },
  );
}
