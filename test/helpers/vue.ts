// The real Vue 3 with its template compiler (v-if, v-html written as templates), for the
// framework tests. web-test-runner.config.mjs serves this file bundled as one ES module,
// with `vue` resolved to its full ESM build.
export { createApp, nextTick, ref } from 'vue';
