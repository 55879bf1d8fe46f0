import { expect, waitUntil } from '@open-wc/testing';
import { crossTab, type CrossTab } from '../../src/browser/cross-tab.js';

type Win = Window & typeof globalThis;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Test files run side by side in one browser and share localStorage: names must not collide. */
const uniqueName = () => `test-${Math.random().toString(36).slice(2)}`;

let opened: CrossTab[] = [];
let frames: HTMLIFrameElement[] = [];
let keys: string[] = [];

function counter() {
  const fn = () => {
    fn.calls++;
  };
  fn.calls = 0;
  return fn;
}

function open(name: string, onChange: () => void, options?: Parameters<typeof crossTab>[2]) {
  const t = crossTab(name, onChange, options);
  opened.push(t);
  keys.push(`yinyom:${name}`);
  return t;
}

/** A same-origin document of its own: storage events reach it from the other frames. */
function frame(bc: 'none' | 'throws'): Win {
  const f = document.createElement('iframe');
  document.body.append(f);
  frames.push(f);
  const w = f.contentWindow as Win;
  Object.defineProperty(w, 'BroadcastChannel', {
    configurable: true,
    writable: true,
    value:
      bc === 'none'
        ? undefined
        : function () {
            throw new DOMException('refused', 'SecurityError');
          },
  });
  return w;
}

/** Neither BroadcastChannel nor localStorage: what a locked-down sandboxed iframe looks like. */
function bareWin(): Win {
  return {
    get localStorage(): Storage {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  } as unknown as Win;
}

afterEach(() => {
  opened.forEach((t) => t.close());
  frames.forEach((f) => f.remove());
  keys.forEach((k) => localStorage.removeItem(k));
  opened = [];
  frames = [];
  keys = [];
});

describe('crossTab over BroadcastChannel', () => {
  it('relies on a channel not hearing itself while another in the same page does', async () => {
    const name = uniqueName();
    const a = new BroadcastChannel(name);
    const b = new BroadcastChannel(name);
    const heard: string[] = [];
    a.onmessage = () => heard.push('a');
    b.onmessage = () => heard.push('b');
    try {
      a.postMessage(1);
      await waitUntil(() => heard.length > 0);
      await sleep(50);
      expect(heard).to.deep.equal(['b']);
    } finally {
      a.close();
      b.close();
    }
  });

  it("calls the other instance's onChange and not the notifier's", async () => {
    const name = uniqueName();
    const onA = counter();
    const onB = counter();
    const a = open(name, onA);
    open(name, onB);
    a.notify();
    await waitUntil(() => onB.calls === 1, 'b was not told');
    await sleep(50);
    expect(onA.calls).to.equal(0);
    expect(onB.calls).to.equal(1);
  });

  it('delivers every notify', async () => {
    const name = uniqueName();
    const onB = counter();
    const a = open(name, () => {});
    open(name, onB);
    a.notify();
    a.notify();
    await waitUntil(() => onB.calls === 2, 'b was not told twice');
  });

  it('keeps different names apart', async () => {
    const name = uniqueName();
    const onOther = counter();
    const onSame = counter();
    const a = open(name, () => {});
    open(uniqueName(), onOther);
    open(name, onSame);
    a.notify();
    await waitUntil(() => onSame.calls === 1);
    await sleep(50);
    expect(onOther.calls).to.equal(0);
  });

  it('stops delivering after close()', async () => {
    const name = uniqueName();
    const onClosed = counter();
    const onOpen = counter();
    const a = open(name, () => {});
    open(name, onClosed).close();
    open(name, onOpen);
    a.notify();
    await waitUntil(() => onOpen.calls === 1);
    await sleep(50);
    expect(onClosed.calls).to.equal(0);
  });

  it('does not throw or send on notify() after close()', async () => {
    const name = uniqueName();
    const onB = counter();
    const a = open(name, () => {});
    open(name, onB);
    a.close();
    a.notify();
    a.close();
    await sleep(100);
    expect(onB.calls).to.equal(0);
  });
});

describe('crossTab over the storage event', () => {
  it('calls the other document and not the notifier when BroadcastChannel is absent', async () => {
    const name = uniqueName();
    const onA = counter();
    const onB = counter();
    const a = open(name, onA, { win: frame('none') });
    open(name, onB, { win: frame('none') });
    const before = localStorage.getItem(`yinyom:${name}`);
    a.notify();
    // proves the storage path was taken: a BroadcastChannel writes nothing here
    expect(localStorage.getItem(`yinyom:${name}`))
      .to.be.a('string')
      .and.not.equal(before);
    await waitUntil(() => onB.calls === 1, 'b was not told');
    await sleep(50);
    expect(onA.calls).to.equal(0);
    a.notify();
    await waitUntil(() => onB.calls === 2, 'b was not told the second time');
  });

  it('does not wake other documents when it starts', async () => {
    const name = uniqueName();
    const onB = counter();
    open(name, onB, { win: frame('none') });
    open(name, () => {}, { win: frame('none') });
    open(name, () => {}, { win: frame('none') });
    await sleep(150);
    expect(onB.calls).to.equal(0);
  });

  it('keeps different names apart', async () => {
    const name = uniqueName();
    const onOther = counter();
    const onSame = counter();
    const a = open(name, () => {}, { win: frame('none') });
    open(uniqueName(), onOther, { win: frame('none') });
    open(name, onSame, { win: frame('none') });
    a.notify();
    await waitUntil(() => onSame.calls === 1);
    await sleep(50);
    expect(onOther.calls).to.equal(0);
  });

  it('stops delivering after close()', async () => {
    const name = uniqueName();
    const onClosed = counter();
    const onOpen = counter();
    const a = open(name, () => {}, { win: frame('none') });
    open(name, onClosed, { win: frame('none') }).close();
    open(name, onOpen, { win: frame('none') });
    a.notify();
    await waitUntil(() => onOpen.calls === 1);
    await sleep(50);
    expect(onClosed.calls).to.equal(0);
  });

  it('falls back to it when the BroadcastChannel constructor throws', async () => {
    const name = uniqueName();
    const onB = counter();
    const a = open(name, () => {}, { win: frame('throws') });
    open(name, onB, { win: frame('throws') });
    a.notify();
    await waitUntil(() => onB.calls === 1, 'b was not told');
  });
});

describe('crossTab polling read()', () => {
  it('calls onChange when read() changes and not while it stays the same', async () => {
    let value: string | undefined = 'v1';
    const onChange = counter();
    open(uniqueName(), onChange, { win: bareWin(), read: () => value, pollMs: 20 });
    await sleep(100);
    expect(onChange.calls).to.equal(0);
    value = 'v2';
    await waitUntil(() => onChange.calls === 1, 'change not seen');
    await sleep(100);
    expect(onChange.calls).to.equal(1);
    value = undefined;
    await waitUntil(() => onChange.calls === 2, 'removal not seen');
  });

  it("does not report this tab's own change once it notified", async () => {
    let value = 'v1';
    const onChange = counter();
    const t = open(uniqueName(), onChange, { win: bareWin(), read: () => value, pollMs: 20 });
    value = 'v2';
    t.notify();
    await sleep(100);
    expect(onChange.calls).to.equal(0);
  });

  it('stops polling after close()', async () => {
    let reads = 0;
    const onChange = counter();
    const t = open(uniqueName(), onChange, { win: bareWin(), read: () => String(++reads), pollMs: 20 });
    await waitUntil(() => onChange.calls > 0);
    t.close();
    const seen = reads;
    await sleep(100);
    expect(reads).to.equal(seen);
  });

  it('is used when localStorage refuses writes', async () => {
    let value = 'v1';
    const onChange = counter();
    const refusing = {
      getItem: () => null,
      setItem() {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const win = { localStorage: refusing, addEventListener() {} } as unknown as Win;
    open(uniqueName(), onChange, { win, read: () => value, pollMs: 20 });
    value = 'v2';
    await waitUntil(() => onChange.calls === 1);
  });

  it('survives a read() that throws', async () => {
    let fail = true;
    const onChange = counter();
    const read = () => {
      if (fail) throw new Error('cookie jar unavailable');
      return 'v2';
    };
    open(uniqueName(), onChange, { win: bareWin(), read, pollMs: 20 });
    await sleep(60);
    expect(onChange.calls).to.equal(0);
    fail = false;
    await waitUntil(() => onChange.calls === 1);
  });
});

describe('crossTab with nothing to use', () => {
  it('never throws, and does nothing', async () => {
    const onChange = counter();
    const t = open(uniqueName(), onChange, { win: bareWin() });
    t.notify();
    t.close();
    t.notify();
    const noWin = open(uniqueName(), onChange, { win: null as unknown as Win });
    noWin.notify();
    noWin.close();
    await sleep(50);
    expect(onChange.calls).to.equal(0);
  });
});
