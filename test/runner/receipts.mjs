// @ts-check
/**
 * A consent-receipt endpoint for the receipt tests: POST /test/receipts stores the body
 * (per test run, in memory), GET /test/receipts returns them all as a JSON array.
 * Koa middleware, as @web/dev-server takes it.
 */

/** @type {{ contentType: string, body: string }[]} */
const receipts = [];

/** @type {import('@web/dev-server-core').Middleware} */
export async function receiptSink(context, next) {
  if (context.path !== '/test/receipts') return next();
  if (context.method === 'POST') {
    let body = '';
    for await (const chunk of context.req) body += chunk;
    receipts.push({ contentType: context.get('content-type'), body });
    context.status = 204;
    return;
  }
  context.type = 'application/json';
  context.set('Cache-Control', 'no-store');
  context.body = JSON.stringify(receipts);
}
