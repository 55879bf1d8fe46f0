import { expect, waitUntil } from '@open-wc/testing';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { receiptPage, sendReceipt, type ConsentReceipt } from '../../src/browser/receipt.js';

const record: ConsentRecord = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  revision: '1',
  language: 'th',
  givenAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  method: 'custom',
  categories: { necessary: true, analytics: true },
};
const receipt: ConsentReceipt = {
  ...record,
  page: 'https://x.go.th/',
  policyUrl: '/privacy',
  source: 'banner',
  event: 'first',
};

const silent = () => {
  const errors: unknown[][] = [];
  return { errors, log: { error: (...args: unknown[]) => errors.push(args) } };
};

describe('sendReceipt', () => {
  it('sends the receipt as JSON with sendBeacon, as text/plain (no CORS preflight)', async () => {
    const sent: Array<[string, Blob]> = [];
    const ok = sendReceipt('/log', receipt, {
      sendBeacon: (url, data) => {
        sent.push([url, data as Blob]);
        return true;
      },
    });
    expect(ok).to.equal(true);
    expect(sent).to.have.length(1);
    expect(sent[0][0]).to.equal('/log');
    expect(sent[0][1].type).to.equal('text/plain;charset=utf-8');
    expect(JSON.parse(await sent[0][1].text())).to.deep.equal(receipt);
  });

  it('falls back to fetch with keepalive once, when the beacon is refused', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const fakeFetch = ((url: string, init: RequestInit) => {
      calls.push([url, init]);
      return Promise.resolve(new Response(null, { status: 204 }));
    }) as typeof fetch;
    const { errors, log } = silent();
    expect(sendReceipt('/log', receipt, { sendBeacon: () => false, fetch: fakeFetch }, log)).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls).to.have.length(1);
    expect(calls[0][1]).to.include({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(JSON.parse(calls[0][1].body as string)).to.deep.equal(receipt);
    expect(errors).to.deep.equal([]);
  });

  it('reports a failed send once and never retries', async () => {
    let calls = 0;
    const failing = (() => {
      calls++;
      return Promise.reject(new TypeError('offline'));
    }) as typeof fetch;
    const { errors, log } = silent();
    sendReceipt('https://log.invalid/', receipt, { fetch: failing }, log);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).to.equal(1);
    expect(errors).to.have.length(1);
    expect(String(errors[0][0])).to.contain('could not be sent to log-url "https://log.invalid/"');
  });

  it('reports an error status, and a transport that throws, without throwing', async () => {
    const { errors, log } = silent();
    sendReceipt('/log', receipt, { fetch: () => Promise.resolve(new Response(null, { status: 500 })) }, log);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).to.have.length(1);
    expect(
      sendReceipt(
        '/log',
        receipt,
        {
          sendBeacon: () => {
            throw new TypeError('bad url');
          },
        },
        log,
      ),
    ).to.equal(false);
    expect(sendReceipt('/log', receipt, {}, log)).to.equal(false);
    expect(errors).to.have.length(3);
  });

  it("reaches a real endpoint with the browser's own transport, as JSON", async () => {
    const mine = { ...receipt, id: crypto.getRandomValues(new Uint32Array(1))[0].toString(16) };
    expect(sendReceipt('/test/receipts', mine)).to.equal(true);
    let stored: Array<{ contentType: string; body: string }> = [];
    await waitUntil(async () => {
      stored = (await (await fetch('/test/receipts')).json()) as typeof stored;
      return stored.some((r) => r.body.includes(mine.id));
    }, 'the receipt never reached the endpoint');
    const arrived = stored.find((r) => r.body.includes(mine.id))!;
    expect(arrived.contentType).to.match(/^text\/plain/i);
    expect(JSON.parse(arrived.body)).to.deep.equal(mine);
  });
});

describe('receiptPage', () => {
  it('keeps origin and path, drops query and fragment', () => {
    const url = new URL('https://x.go.th/service/tax?id=1234567890123#top');
    expect(receiptPage(url)).to.equal('https://x.go.th/service/tax');
  });
});
