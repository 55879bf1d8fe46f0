// yinyom-change and yinyom-ready reach a listener on the element itself (issue 13): they
// bubble and are composed, and a listener on window still hears each exactly once.
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { YinyomChangeEvent, YinyomConsent, YinyomReadyEvent } from '../../src/index.js';
import { forgetNotices, frames, notice } from '../helpers/notice.js';

const part = (el: YinyomConsent, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** Each event of `type` heard on `target`, with its target and phase as seen then. */
function record<E extends Event>(target: EventTarget, type: string) {
  const heard: Array<{ event: E; target: EventTarget | null }> = [];
  const listener = (event: Event) => heard.push({ event: event as E, target: event.target });
  target.addEventListener(type, listener);
  return { heard, stop: () => target.removeEventListener(type, listener) };
}

/** Events may be dispatched a task later: give them that. */
async function settle(): Promise<void> {
  await aTimeout(0);
  await frames();
}

const ownCookies: string[] = [];
let counter = 0;
/** A `<yinyom-consent>` not yet connected, under a cookie of its own (or the one given). */
function unconnected(cookieName = `yinyom-events-${Date.now()}-${counter++}`): YinyomConsent {
  ownCookies.push(cookieName);
  const el = document.createElement('yinyom-consent');
  el.setAttribute('cookie-name', cookieName);
  el.setAttribute('categories', 'analytics marketing');
  return el;
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  forgetNotices();
  for (const name of ownCookies.splice(0)) document.cookie = `${name}=; Path=/; Max-Age=0`;
});

function listen<E extends Event>(target: EventTarget, type: string) {
  const r = record<E>(target, type);
  stops.push(r.stop);
  return r.heard;
}

describe('yinyom-change on the element (13)', () => {
  it('a listener on the element hears an accept once; the event bubbles, is composed, and window hears it once', async () => {
    const el = await notice('events');
    const onElement = listen<YinyomChangeEvent>(el, 'yinyom-change');
    const onParent = listen<YinyomChangeEvent>(el.parentElement!, 'yinyom-change');
    const onWindow = listen<YinyomChangeEvent>(window, 'yinyom-change');
    part(el, 'accept-button').click();
    await el.updateComplete;
    await settle();
    expect(onElement.length, 'heard by a listener on the element').to.equal(1);
    expect(onElement[0].target, 'its target is the element').to.equal(el);
    expect(onElement[0].event.bubbles, 'bubbles').to.equal(true);
    expect(onElement[0].event.composed, 'composed').to.equal(true);
    expect(onElement[0].event.detail.consent.method).to.equal('accept-all');
    expect(onElement[0].event.detail.changed).to.deep.equal(['analytics', 'marketing']);
    expect(onParent.length, 'heard by a listener on the parent').to.equal(1);
    expect(onWindow.length, 'heard on window exactly once').to.equal(1);
  });

  it("choices made through the element's methods reach it too, once each", async () => {
    const el = await notice('events');
    const onElement = listen<YinyomChangeEvent>(el, 'yinyom-change');
    const onWindow = listen<YinyomChangeEvent>(window, 'yinyom-change');
    el.rejectAll();
    el.save({ analytics: true });
    await settle();
    expect(
      onElement.map((h) => h.event.detail.consent.method),
      'heard on the element',
    ).to.deep.equal(['reject-all', 'custom']);
    expect(onWindow.length, 'heard on window once each').to.equal(2);
  });

  it("leaves another component's shadow root: its host and window hear it once", async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = unconnected();
    root.append(el);
    await el.updateComplete;
    const onHost = listen<YinyomChangeEvent>(host, 'yinyom-change');
    const onDocument = listen<YinyomChangeEvent>(document, 'yinyom-change');
    const onWindow = listen<YinyomChangeEvent>(window, 'yinyom-change');
    part(el, 'accept-button').click();
    await el.updateComplete;
    await settle();
    expect(onHost.length, 'heard on the shadow host').to.equal(1);
    expect(onHost[0].target, 'retargeted to the host').to.equal(host);
    expect(onDocument.length, 'heard on document once').to.equal(1);
    expect(onWindow.length, 'heard on window once').to.equal(1);
  });
});

describe('yinyom-ready on the element (13)', () => {
  it('a listener added on the element before it is connected hears it once', async () => {
    const el = unconnected();
    const onElement = listen<YinyomReadyEvent>(el, 'yinyom-ready');
    const onWindow = listen<YinyomReadyEvent>(window, 'yinyom-ready');
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(el);
    await el.updateComplete;
    await settle();
    expect(onElement.length, 'heard by a listener on the element').to.equal(1);
    expect(onElement[0].target).to.equal(el);
    expect(onElement[0].event.bubbles, 'bubbles').to.equal(true);
    expect(onElement[0].event.composed, 'composed').to.equal(true);
    expect(onElement[0].event.detail.consent).to.equal(null);
    expect(onWindow.length, 'heard on window exactly once').to.equal(1);
  });

  it('a listener on document, added before the element is created, hears it from the element', async () => {
    const onDocument = listen<YinyomReadyEvent>(document, 'yinyom-ready');
    const onWindow = listen<YinyomReadyEvent>(window, 'yinyom-ready');
    const el = await notice('events');
    await settle();
    expect(
      onDocument.map((h) => h.target),
      'heard on document, from the element',
    ).to.deep.equal([el]);
    expect(onWindow.length, 'heard on window exactly once').to.equal(1);
  });

  it("carries the stored choice, read in the element's first update", async () => {
    const first = await notice('events');
    const stored = first.acceptAll();
    const cookieName = first.getAttribute('cookie-name')!;
    first.remove();
    const el = unconnected(cookieName);
    const onElement = listen<YinyomReadyEvent>(el, 'yinyom-ready');
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(el);
    await el.updateComplete;
    await settle();
    expect(onElement.length, 'heard by a listener on the element').to.equal(1);
    expect(onElement[0].event.detail.consent).to.deep.equal(stored);
  });
});
