// The demo server: the repository root on 127.0.0.1 (so /demo/ and /dist/ both work), with
// / sent to /demo/. `npm start` builds first, then runs this. The server itself is
// scripts/lib/server.mjs, shared with the e2e suite and the benchmark.
//
//   node scripts/serve.mjs            # PORT env or 8080; the next free port if busy
//   import { startDemoServer } from './serve.mjs';
//   const server = await startDemoServer();    // any free port; server.url('/demo/'), server.close()
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './lib/server.mjs';

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
  startDemoServer({ port }).then(
    (server) => console.log(`yinyom demo: ${server.url('/demo/')}`),
    (error) => {
      console.error(`yinyom demo: could not start the server: ${error.message}`);
      process.exit(1);
    },
  );
}
