// CLI tests: spawn `node dist/cli.js` as an operator would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const FIRST_LINE = /^yinyom-receipts: http:\/\/127\.0\.0\.1:(\d+)$/;

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yinyom-receipts-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cleanEnv = () => {
  const env = { ...process.env };
  delete env.PORT;
  delete env.DATABASE_URL;
  delete env.YINYOM_ADMIN_TOKEN;
  return env;
};

/** Starts the CLI and resolves once its first stdout line (the URL) is there. */
function startCli(args, env = cleanEnv()) {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 10 s; stderr: ${stderr}`)), 10_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing the URL; stderr: ${stderr}`));
    });
  });
  return {
    child,
    ready,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    url() {
      return stdout.split('\n')[0].replace('yinyom-receipts: ', '');
    },
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      const [code, sig] = await exited;
      return { code, signal: sig };
    },
  };
}

/** Runs the CLI to its end. */
async function runCli(args, env = cleanEnv()) {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function stats(url, token) {
  const res = await fetch(`${url}/stats`, { headers: { Authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

describe('yinyom-receipts CLI', () => {
  test('first stdout line is the URL; the generated token is printed once and reused', async () => {
    const db = join(dir, 'a.sqlite');
    const first = startCli(['--port', '0', '--db', db]);
    await first.ready;
    await pause(100); // the token line follows the URL line
    const lines = first.stdout.split('\n');
    assert.match(lines[0], FIRST_LINE);
    assert.notEqual(Number(FIRST_LINE.exec(lines[0])[1]), 0);
    const tokenFile = `${db}.admin-token`;
    assert.ok(existsSync(tokenFile));
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    assert.ok(lines[1].includes(token), 'the token is printed on its first start');
    assert.match(first.stderr.split('\n')[0], /any Origin/, 'the log says any Origin is accepted');
    assert.equal(await stats(first.url(), token), 200);
    assert.equal(await stats(first.url(), 'wrong'), 401);
    assert.deepEqual(await first.stop('SIGTERM'), { code: 0, signal: null });

    const second = startCli(['--port', '0', '--db', db]);
    await second.ready;
    assert.equal(await stats(second.url(), token), 200, 'the stored token is reused');
    assert.deepEqual(await second.stop('SIGINT'), { code: 0, signal: null });
    assert.ok(!second.stdout.includes(token), 'and not printed again');
    assert.ok(!second.stderr.includes(token));
  });

  test('--admin-token and YINYOM_ADMIN_TOKEN: no token file', async () => {
    const db = join(dir, 'b.sqlite');
    const byFlag = startCli([
      '--port',
      '0',
      '--db',
      db,
      '--admin-token',
      'flag-token-0123456789',
      '--origin',
      'https://www.example.go.th',
    ]);
    await byFlag.ready;
    assert.equal(await stats(byFlag.url(), 'flag-token-0123456789'), 200);
    assert.doesNotMatch(byFlag.stderr, /any Origin/);
    await byFlag.stop();
    const byEnv = startCli(['--db', db], { ...cleanEnv(), YINYOM_ADMIN_TOKEN: 'env-token-0123456789', PORT: '0' });
    await byEnv.ready;
    assert.match(byEnv.stdout.split('\n')[0], FIRST_LINE);
    assert.equal(await stats(byEnv.url(), 'env-token-0123456789'), 200);
    await byEnv.stop();
    assert.ok(!existsSync(`${db}.admin-token`));
    assert.ok(!byEnv.stdout.includes('env-token'), 'a given token is never printed');
  });

  test('SIGTERM exits 0 after a receipt was stored', async () => {
    const db = join(dir, 'c.sqlite');
    const cli = startCli(['--port', '0', '--db', db, '--admin-token', 'abcdefghijklmnopqrstuvwxyz']);
    await cli.ready;
    const res = await fetch(`${cli.url()}/receipts`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({
        id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
        revision: '1',
        language: 'en',
        givenAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        method: 'accept-all',
        categories: { necessary: true },
        page: 'https://www.example.go.th/',
      }),
    });
    assert.equal(res.status, 204);
    assert.deepEqual(await cli.stop('SIGTERM'), { code: 0, signal: null });
    assert.match(cli.stderr, /SIGTERM/);
  });

  test('bad flags: one clear line on stderr and exit 2', async () => {
    const cases = [
      [['--nope'], /--nope/],
      [['--port', 'abc'], /--port/],
      [['--port', '70000'], /--port/],
      [['--port'], /--port/],
      [['--retention-days', '0'], /--retention-days/],
      [['--retention-days', '1.5'], /--retention-days/],
      [['--origin', 'https://www.example.go.th/path'], /--origin/],
      [['--origin', 'www.example.go.th'], /--origin/],
      [['--database-url', 'mysql://x'], /--database-url/],
      [['--rate-limit', '60'], /--rate-limit/],
      [['--rate-limit', '0/10'], /--rate-limit/],
      [['--rate-limit', 'none'], /--rate-limit/],
      [['extra'], /extra/],
    ];
    for (const [args, pattern] of cases) {
      const { code, stdout, stderr } = await runCli([...args, '--db', join(dir, 'never.sqlite')]);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, pattern);
      assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
      assert.match(stderr, /^yinyom-receipts: /);
    }
    assert.ok(!existsSync(join(dir, 'never.sqlite')));
  });

  test('--rate-limit sets the limit per client address, and off turns it off', async () => {
    const receipt = (n) =>
      JSON.stringify({
        id: randomUUID(),
        revision: '1',
        language: 'th',
        givenAt: '2026-11-22T09:00:00.000Z',
        updatedAt: `2026-11-22T09:00:0${n}.000Z`,
        method: 'reject-all',
        categories: { necessary: true },
        page: 'https://www.example.go.th/',
      });
    const send = async (url, n) =>
      (await fetch(`${url}/receipts`, { method: 'POST', body: receipt(n), headers: { 'Content-Type': 'text/plain' } }))
        .status;
    const two = startCli([
      '--port',
      '0',
      '--db',
      join(dir, 'rate.sqlite'),
      '--admin-token',
      'a'.repeat(20),
      '--rate-limit',
      '2/60',
    ]);
    await two.ready;
    try {
      const url = two.url();
      assert.deepEqual([await send(url, 1), await send(url, 2), await send(url, 3)], [204, 204, 429]);
    } finally {
      await two.stop();
    }
    const env = { ...cleanEnv(), YINYOM_RATE_LIMIT: 'off' };
    const off = startCli(['--port', '0', '--db', join(dir, 'rate-off.sqlite'), '--admin-token', 'a'.repeat(20)], env);
    await off.ready;
    try {
      const statuses = await Promise.all(Array.from({ length: 70 }, () => send(off.url(), 0)));
      assert.ok(
        statuses.every((status) => status === 204),
        `statuses: ${[...new Set(statuses)]}`,
      );
    } finally {
      await off.stop();
    }
  });

  test('--help prints the flags and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const flag of [
      '--port',
      '--host',
      '--db',
      '--database-url',
      '--origin',
      '--admin-token',
      '--retention-days',
      'DATABASE_URL',
      'YINYOM_ADMIN_TOKEN',
      '1095',
      '8081',
    ]) {
      assert.ok(stdout.includes(flag), flag);
    }
  });

  test('a port in use: exit 1 with a message', async () => {
    const db = join(dir, 'd.sqlite');
    const a = startCli(['--port', '0', '--db', db, '--admin-token', 'abcdefghijklmnopqrstuvwxyz']);
    await a.ready;
    const port = new URL(a.url()).port;
    const b = await runCli([
      '--port',
      port,
      '--db',
      join(dir, 'e.sqlite'),
      '--admin-token',
      'abcdefghijklmnopqrstuvwxyz',
    ]);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /cannot start/);
    assert.equal(b.stdout, '');
    await a.stop();
  });
});
