// The script-tag build's loader for the second file (load-extra.script.ts), driven with the
// real dist/yinyom.extra.min.js, which the test server hands out byte for byte
// (test/runner/script-build.mjs). `npm test` builds it first.
import { expect } from '@open-wc/testing';
import { extraLoader } from '../../src/internal/load-extra.script.js';

const BASE = new URL('/dist/yinyom.min.js', location.href).href;

/** `sha384-…` of a file the test server serves, as the build computes it. */
async function sri(path: string): Promise<string> {
  const bytes = await (await fetch(path)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

/** console.error while `run` runs, recorded. */
async function errorsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return errors;
}

const rejects = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('it loaded'),
    (error: Error) => error,
  );

describe('the second file, loaded as the script-tag build loads it', () => {
  it('loads the file this build made, once, and takes its <script> away after', async () => {
    const load = extraLoader(BASE, 'yinyom.extra.min.js', await sri('/dist/yinyom.extra.min.js'));
    const before = document.querySelectorAll('script').length;
    const extra = await load();
    expect(extra.renderPreferences).to.be.a('function');
    expect(extra.DialogFitController).to.be.a('function');
    expect(customElements.get('yinyom-placeholder'), 'it registers the placeholder').to.exist;
    expect(await load(), 'loaded once').to.equal(extra);
    expect(document.querySelectorAll('script').length).to.equal(before);
  });

  it('refuses a file whose integrity does not hold, says which and how to fix it, once', async () => {
    const load = extraLoader(BASE, 'yinyom.extra.min.js', await sri('/test/fixtures/gated-a.js'));
    const errors = await errorsDuring(async () => {
      await rejects(load());
      await rejects(load());
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain(new URL('yinyom.extra.min.js', BASE).href);
    expect(errors[0]).to.contain('Copy the whole dist/ folder');
  });

  it('refuses a missing file', async () => {
    const load = extraLoader(BASE, 'not-there.min.js', await sri('/dist/yinyom.extra.min.js'));
    const errors = await errorsDuring(() => rejects(load()));
    expect(errors.join()).to.contain('not found, offline, an integrity mismatch');
  });

  it('refuses a file that runs but is not a second file of this build', async () => {
    const load = extraLoader(
      new URL('/test/fixtures/', location.href).href,
      'gated-a.js',
      await sri('/test/fixtures/gated-a.js'),
    );
    const errors = await errorsDuring(() => rejects(load()));
    expect(errors.join()).to.contain('it ran but did not answer');
  });

  it('says so when the first file was not loaded from a <script src>', async () => {
    const load = extraLoader(undefined, 'yinyom.extra.min.js', 'sha384-x');
    const errors = await errorsDuring(() => rejects(load()));
    expect(errors.join()).to.contain('was not loaded from a <script src>');
  });
});
