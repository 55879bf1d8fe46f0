// @ts-check
/**
 * The script-tag build as a web server hands it out: /dist/yinyom.min.js and
 * /dist/yinyom.extra.min.js byte for byte (the dev server would otherwise compile them for
 * each engine, and the second file's integrity hash would no longer hold). And as a webmaster
 * may break it, for the fallback tests: under /test/dist-faults/<fault>/ a page (page.html) that
 * loads the first file as built from beside it, and the second one missing (`missing`: 404,
 * as when only one file was copied) or changed after the build (`tampered`: its integrity hash
 * no longer holds).
 * Koa middleware, as @web/dev-server takes it; it answers before the dev server's transforms.
 */
import { readFile } from 'node:fs/promises';

const FILE = /^\/(?:dist|test\/dist-faults\/(missing|tampered))\/(yinyom(?:\.extra)?\.min\.js|page\.html)$/;

/** The page: two gated scripts that record whether they ran. */
const PAGE = (fault) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>the second file ${fault}</title>
    <script src="yinyom.min.js" data-cookie-name="yinyom-bundle" data-categories="analytics marketing" defer></script>
  </head>
  <body>
    <script>window.ran = [];</script>
    <script type="text/plain" data-consent="analytics">window.ran.push('analytics');</script>
    <script type="text/plain" data-consent="marketing">window.ran.push('marketing');</script>
  </body>
</html>
`;

/** @type {import('@web/dev-server-core').Middleware} */
export async function scriptBuild(context, next) {
  const match = FILE.exec(context.path);
  if (!match) return next();
  const [, fault, file] = match;
  context.set('Cache-Control', 'no-store');
  if (file === 'page.html') {
    if (!fault) return next();
    context.type = 'text/html';
    context.body = PAGE(fault);
    return;
  }
  if (file === 'yinyom.extra.min.js' && fault === 'missing') {
    context.status = 404;
    return;
  }
  let body;
  try {
    body = await readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
  } catch {
    context.status = 404;
    context.body = `dist/${file} is missing: run npm run build first`;
    return;
  }
  // Code that would mark the page if the browser ran it despite the changed hash.
  if (file === 'yinyom.extra.min.js' && fault === 'tampered') body += '\nwindow.tampered = true;\n';
  context.type = 'text/javascript';
  context.body = body;
}
