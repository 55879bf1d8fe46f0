// @ts-check
// esbuild comes with @web/dev-server-esbuild: resolve it from there, not from hoisting.
import { createRequire } from 'node:module';

const requireFromPlugin = createRequire(createRequire(import.meta.url).resolve('@web/dev-server-esbuild'));
/** @type {typeof import('esbuild')} */
export const esbuild = requireFromPlugin('esbuild');
