// `npm start` as README promises it: the demo and a receipt collector beside it, a choice made
// on the demo stored and found by its id through the admin API, the admin page served. Runs
// scripts/serve.mjs itself (npm start = the builds + that), with its data in a temporary
// folder. Needs `npm run build` and the collector's build (npm test builds both first).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/lib/browsers.mjs';
import { ROOT } from '../../scripts/lib/server.mjs';

const data = mkdtempSync(join(tmpdir(), 'yinyom-start-'));
let child;
let demo;
let admin;

before(async () => {
  assert.ok(
    existsSync(join(ROOT, 'receipts', 'dist', 'cli.js')),
    'build the collector first: npm run build --workspace=receipts',
  );
  child = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs')], {
    env: { ...process.env, PORT: '0', YINYOM_DATA_DIR: data },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URLs in 20 s:\n${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      demo = /^yinyom demo: (\S+)$/m.exec(out)?.[1];
      admin = /^yinyom receipts: (\S+)\/admin {2}\(admin token: (\S+)\)$/m.exec(out);
      if (demo && admin) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}:\n${out}`)));
  });
});

after(() => {
  child?.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
});

test('a choice on the demo reaches the collector, and the admin API finds it by its id', async () => {
  const [, collector, token] = admin;
  assert.equal(token, (await readFile(join(data, 'demo-receipts.sqlite.admin-token'), 'utf8')).trim());
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(demo);
    assert.equal(
      await page.locator('yinyom-consent').getAttribute('log-url'),
      `${collector}/receipts`,
      'the demo posts to the collector',
    );
    await page.locator('yinyom-consent').locator('[part~="accept-button"]').click();
    const id = await page.evaluate(() => document.querySelector('yinyom-consent').getConsent().id);
    let found;
    for (let i = 0; i < 50 && !found?.records?.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await fetch(`${collector}/receipts/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      if (response.ok) found = await response.json();
    }
    assert.ok(found, `the receipt of ${id} never reached the collector`);
    const [record] = found.records;
    assert.equal(record.method, 'accept-all');
    assert.equal(record.source, 'banner');
    assert.equal(record.event, 'first');
    assert.match(record.noticeDigest, /^sha256-[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(errors, []);
    // The admin page is served, under its own CSP.
    const response = await fetch(`${collector}/admin`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  } finally {
    await browser.close();
  }
});
