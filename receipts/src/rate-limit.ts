// A sliding-window rate limiter kept in memory only: per key (the socket's remote address) the
// times of its last `limit` accepted requests. Nothing is written anywhere; entries expire once
// their window has passed. Pure: the clock is injected, there is no timer.

export interface RateLimitOptions {
  /** Requests accepted per window and key; default 60. */
  limit?: number;
  /** Window length in milliseconds; default 10 000. */
  windowMs?: number;
  /** Most keys held at once; the oldest are dropped beyond it. Default 100 000. */
  maxKeys?: number;
  /** Clock in milliseconds; default Date.now. */
  now?: () => number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until a request from this key would be accepted again (0 when allowed). */
  retryAfter: number;
}

export interface RateLimiter {
  hit(key: string): RateLimitDecision;
  /** Drops keys whose window has passed; returns how many remain. */
  sweep(): number;
  readonly size: number;
}

export const DEFAULT_RATE_LIMIT = { limit: 60, windowMs: 10_000 } as const;

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const limit = options.limit ?? DEFAULT_RATE_LIMIT.limit;
  const windowMs = options.windowMs ?? DEFAULT_RATE_LIMIT.windowMs;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  if (!(Number.isInteger(limit) && limit > 0)) throw new RangeError('rate limit must be a positive integer');
  if (!(windowMs > 0)) throw new RangeError('rate limit window must be positive');

  // key → accepted request times, oldest first, never more than `limit`.
  const hits = new Map<string, number[]>();
  let calls = 0;

  const sweep = (): number => {
    const t = now();
    for (const [key, times] of hits) {
      if (times.length === 0 || times[times.length - 1] <= t - windowMs) hits.delete(key);
    }
    return hits.size;
  };

  return {
    hit(key: string): RateLimitDecision {
      const t = now();
      if (++calls % 1000 === 0 || hits.size >= maxKeys) sweep();
      let times = hits.get(key);
      if (times) {
        while (times.length > 0 && times[0] <= t - windowMs) times.shift();
      } else {
        // Map keeps insertion order: when full, the key seen first (least recently added) goes.
        if (hits.size >= maxKeys) {
          const oldest = hits.keys().next().value;
          if (oldest !== undefined) hits.delete(oldest);
        }
        times = [];
        hits.set(key, times);
      }
      if (times.length >= limit) {
        const retryAfter = Math.max(1, Math.ceil((times[0] + windowMs - t) / 1000));
        return { allowed: false, retryAfter };
      }
      times.push(t);
      return { allowed: true, retryAfter: 0 };
    },
    sweep,
    get size() {
      return hits.size;
    },
  };
}
