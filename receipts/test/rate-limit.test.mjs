// Unit tests of the in-memory rate limiter (dist/rate-limit.js) with an injected clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRateLimiter } from '../dist/rate-limit.js';

test('60 per 10 s by default; the 61st waits for the oldest to leave the window', () => {
  let t = 0;
  const limiter = createRateLimiter({ now: () => t });
  for (let i = 0; i < 60; i++) {
    assert.equal(limiter.hit('a').allowed, true);
    t += 100; // 60 hits over 6 s
  }
  assert.deepEqual(limiter.hit('a'), { allowed: false, retryAfter: 4 });
  assert.equal(limiter.hit('b').allowed, true, 'keys are independent');
  t = 10_000; // the first hit (t=0) has left the window
  assert.equal(limiter.hit('a').allowed, true);
  assert.equal(limiter.hit('a').allowed, false);
});

test('refused requests do not count', () => {
  let t = 0;
  const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: () => t });
  limiter.hit('k');
  limiter.hit('k');
  for (let i = 0; i < 100; i++) assert.equal(limiter.hit('k').allowed, false);
  t = 1000;
  assert.equal(limiter.hit('k').allowed, true);
});

test('Retry-After is whole seconds, at least 1', () => {
  let t = 0;
  const limiter = createRateLimiter({ limit: 1, windowMs: 1500, now: () => t });
  limiter.hit('k');
  assert.equal(limiter.hit('k').retryAfter, 2);
  t = 1499;
  assert.equal(limiter.hit('k').retryAfter, 1);
});

test('addresses are forgotten once their window has passed, and the map is bounded', () => {
  let t = 0;
  const limiter = createRateLimiter({ limit: 5, windowMs: 1000, maxKeys: 100, now: () => t });
  for (let i = 0; i < 50; i++) limiter.hit(`192.0.2.${i}`);
  assert.equal(limiter.size, 50);
  t = 1000;
  assert.equal(limiter.sweep(), 0);
  for (let i = 0; i < 1000; i++) limiter.hit(`198.51.100.${i}`);
  assert.ok(limiter.size <= 100);
});

test('bad options are refused', () => {
  assert.throws(() => createRateLimiter({ limit: 0 }), RangeError);
  assert.throws(() => createRateLimiter({ windowMs: 0 }), RangeError);
});
