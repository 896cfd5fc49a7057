// When a failed webhook delivery is tried again. The Standard Webhooks specification's
// schedule after the immediate first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
// 24 h — then it fails for good. Each wait gets ±10% jitter, so endpoints that came back
// together are not hit together. 429, 502 and 504 mean "slow down": a Retry-After header
// (seconds or an HTTP date) is honoured when it asks for longer, up to a day.
const S = 1000;
export const SPEC_SCHEDULE_MS: readonly number[] = [5 * S, 5 * 60 * S, 30 * 60 * S, 2 * 3600 * S, 5 * 3600 * S, 10 * 3600 * S, 14 * 3600 * S, 20 * 3600 * S, 24 * 3600 * S];
const MAX_RETRY_AFTER_MS = 24 * 3600 * S;

/** The wait before the next attempt after `attempts` failed ones, or undefined when the schedule is spent. */
export function nextDelay(attempts: number, schedule: readonly number[] = SPEC_SCHEDULE_MS, random = Math.random): number | undefined {
  const base = schedule[attempts - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Retry-After in milliseconds from now, if it is given in a form RFC 9110 allows. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d{1,10}$/.test(value)) return Math.min(Number(value) * S, MAX_RETRY_AFTER_MS);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}
