#!/usr/bin/env node
// npx yinyom-receipts: flags → config → server. stdout: the URL first (exactly
// "yinyom-receipts: http://HOST:PORT"), then a generated admin token once. stderr: the log.

import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { HELP, parseConfig, type Config } from './config.js';
import { createServer } from './server.js';

const log = (line: string) => process.stderr.write(`yinyom-receipts: ${line}\n`);

/** The admin token: given, or read from <db>.admin-token, or generated and stored there. */
function adminToken(config: Config): { token: string; generatedIn?: string } {
  if (config.adminToken) return { token: config.adminToken };
  const file = `${config.db}.admin-token`;
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (!/^[\x21-\x7e]+$/.test(token)) throw new Error(`${file} does not hold a token; delete it to make a new one`);
    if ((statSync(file).mode & 0o077) !== 0) log(`warning: ${file} is readable by other users; chmod 600 it`);
    return { token };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a token another process has just written.
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, generatedIn: file };
}

async function main(): Promise<void> {
  const parsed = parseConfig(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`yinyom-receipts: ${parsed.message} (see --help)\n`);
    process.exit(2);
  }
  const config = parsed.config;
  if (config.origins.length === 0) {
    log('warning: no --origin given, so receipts are accepted from any Origin');
  } else {
    log(`accepting receipts from ${config.origins.join(', ')}`);
  }

  let token: { token: string; generatedIn?: string };
  try {
    token = adminToken(config);
  } catch (error) {
    log(`cannot read or create the admin token: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (token.token.length < 16) log('warning: the admin token is shorter than 16 characters');

  let server;
  try {
    server = await createServer({
      db: config.db,
      databaseUrl: config.databaseUrl,
      origins: config.origins,
      adminToken: token.token,
      retentionDays: config.retentionDays,
      port: config.port,
      host: config.host,
      trustProxy: config.trustProxy,
      rateLimit: config.rateLimit,
      log,
    });
  } catch (error) {
    log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  process.stdout.write(`yinyom-receipts: ${server.url}\n`);
  if (token.generatedIn) {
    process.stdout.write(
      `yinyom-receipts: admin token (saved in ${token.generatedIn}, shown only this once): ${token.token}\n`,
    );
  }
  log(
    `${server.database === 'sqlite' ? `SQLite ${config.db}` : 'PostgreSQL'}; receipts kept ${config.retentionDays} days; admin page ${server.url}/admin`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then closing the database`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`error while closing: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  log(`fatal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
