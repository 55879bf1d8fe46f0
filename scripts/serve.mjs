// The demo server: the repository root on 127.0.0.1 (so /demo/ and /dist/ both work), with
// / sent to /demo/, and the receipt collector beside it (receipts/, on .data/), which the
// demo's notice posts its receipts to. `npm start` builds both first, then runs this. The
// server itself is scripts/lib/server.mjs, shared with the e2e suite and the benchmark.
//
//   node scripts/serve.mjs            # PORT env or 8080; the next free port if busy
//   import { startDemoServer } from './serve.mjs';
//   const server = await startDemoServer();    // any free port; server.url('/demo/'), server.close()
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer } from './lib/server.mjs';

/** The demo's server (see scripts/lib/server.mjs for what it answers). `port: 0` = any free port. */
export const startDemoServer = ({ port = 0, ...options } = {}) =>
  startServer({ port, redirects: { '/': '/demo/' }, ...options });

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (runDirectly) {
  const port = process.env.PORT ? Number.parseInt(process.env.PORT, 10) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`yinyom demo: invalid PORT "${process.env.PORT}"`);
    process.exit(1);
  }
  // The demo's notice posts its receipts to a collector started beside it (receipts/), on
  // an embedded database in .data/: a choice made on the demo shows in the admin page.
  let logUrl = '';
  const transform = (file, body) =>
    logUrl && file.endsWith(`${sep}demo${sep}index.html`)
      ? body.toString('utf8').replace('<yinyom-consent ', `<yinyom-consent log-url="${logUrl}" `)
      : body;
  startDemoServer({ port, transform }).then(
    async (server) => {
      const collector = await startCollector(server.origin).catch((error) => {
        console.error(`yinyom demo: the receipt collector did not start (${error.message}); the demo runs without it.`);
        return undefined;
      });
      if (collector) logUrl = `${collector.url}/receipts`;
      console.log(`yinyom demo: ${server.url('/demo/')}`);
      if (collector) {
        console.log(`yinyom receipts: ${collector.url}/admin  (admin token: ${collector.token})`);
        const stop = () => {
          collector.child.kill('SIGTERM');
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }
    },
    (error) => {
      console.error(`yinyom demo: could not start the server: ${error.message}`);
      process.exit(1);
    },
  );
}

/**
 * Starts `yinyom-receipts` (receipts/dist/cli.js, built by `npm start`) on a free port, on
 * demo-receipts.sqlite in .data/ (or YINYOM_DATA_DIR), accepting receipts from the demo's
 * origin only. Resolves its URL, its admin token and the child process.
 */
async function startCollector(demoOrigin) {
  const cli = join(ROOT, 'receipts', 'dist', 'cli.js');
  const data = process.env.YINYOM_DATA_DIR ?? join(ROOT, '.data');
  await mkdir(data, { recursive: true });
  const db = join(data, 'demo-receipts.sqlite');
  const child = spawn(process.execPath, [cli, '--port', '0', '--db', db, '--origin', demoOrigin], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`it exited with code ${code}`)));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^yinyom-receipts: (http:\/\/\S+)$/m.exec(out);
      if (match) resolvePromise(match[1]);
    });
  });
  child.stdout.resume();
  const token = (await readFile(`${db}.admin-token`, 'utf8')).trim();
  return { url, token, child };
}
