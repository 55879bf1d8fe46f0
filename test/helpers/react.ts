// The real React 19 and react-dom, for the framework tests. React ships CommonJS only, so
// web-test-runner.config.mjs serves this file bundled as one ES module (esbuild, development
// build: React's own warnings and checks stay on) instead of transforming it alone.
export { createElement, Fragment, StrictMode, useEffect, useState } from 'react';
export { flushSync } from 'react-dom';
export { createRoot, hydrateRoot } from 'react-dom/client';
export { renderToString } from 'react-dom/server.browser';
