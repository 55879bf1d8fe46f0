// yinyom inside a real Vue 3 app (full build, templates compiled in the browser). Vue drops
// <script> from templates, so gated scripts reach a Vue page through v-html; embeds come and
// go with v-if.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { forgetNotices, frames, notice } from '../helpers/notice.js';
import { createApp, nextTick, ref } from '../helpers/vue.js';

declare global {
  interface Window {
    vueLog?: string[];
  }
}

const snippet = (label: string) =>
  `<script type="text/plain" data-consent="analytics">(window.vueLog ||= []).push(${JSON.stringify(label)})</script>`;

async function app() {
  const errors: unknown[] = [];
  const showVideo = ref(true);
  const fragment = ref(snippet('first'));
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const vue = createApp({
    setup: () => ({ showVideo, fragment }),
    template: `<main>
      <h1>app</h1>
      <iframe v-if="showVideo" data-consent="marketing" data-src="https://www.youtube-nocookie.com/embed/v" width="320" height="180" title="video"></iframe>
      <div class="cms" v-html="fragment"></div>
      <footer>footer</footer>
    </main>`,
  });
  vue.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('yinyom-');
  vue.config.errorHandler = (error: unknown) => void errors.push(error);
  vue.mount(container);
  return { container, errors, showVideo, fragment, unmount: () => vue.unmount() };
}

describe('Vue 3', () => {
  beforeEach(() => {
    window.vueLog = [];
  });
  afterEach(() => {
    forgetNotices();
  });

  it('takes the placeholder away with the frame v-if removes, and puts one back with the new frame', async () => {
    await notice('vue');
    const { container, errors, showVideo } = await app();
    await waitUntil(() => container.querySelector('yinyom-placeholder'), 'the placeholder is shown');
    showVideo.value = false;
    await nextTick();
    await frames();
    expect(container.querySelectorAll('yinyom-placeholder'), 'no placeholder outlives its frame').to.have.length(0);
    showVideo.value = true;
    await nextTick();
    await waitUntil(
      () => container.querySelectorAll('yinyom-placeholder').length === 1,
      'the new frame got its placeholder',
    );
    expect(container.querySelector('yinyom-placeholder')!.nextElementSibling).to.equal(
      container.querySelector('iframe'),
    );
    expect(errors).to.deep.equal([]);
  });

  it('runs a gated script that v-html inserts, once, and the next one v-html puts in its place', async () => {
    const el = await notice('vue');
    const { container, errors, fragment, unmount } = await app();
    el.acceptAll();
    await waitUntil(() => window.vueLog!.includes('first'), 'the v-html script ran');
    fragment.value = snippet('second');
    await nextTick();
    await waitUntil(() => window.vueLog!.includes('second'), 'the replacing script ran');
    await frames();
    expect(window.vueLog).to.deep.equal(['first', 'second']);
    expect(container.querySelectorAll('.cms script'), 'the inert original and its live copy').to.have.length(2);
    unmount();
    expect(errors).to.deep.equal([]);
  });
});
