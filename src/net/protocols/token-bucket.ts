// Per-peer request rate limiting: one token bucket per remote peer (a PeerId is
// authenticated by Noise, so a peer cannot dodge its bucket without a new key — and new
// keys cost a new connection, which libp2p's inbound connection limits already bound).
import type { RateLimit } from './limits.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets kept before full (idle) ones are dropped; bounds memory under many peers. */
const MAX_BUCKETS = 4096;

export class PeerRateLimiter {
  readonly #rate: RateLimit;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(rate: RateLimit, now: () => number = () => performance.now()) {
    this.#rate = rate;
    this.#now = now;
  }

  /** Takes one token for `peer`; false when the peer has none left (answer RateLimited). */
  take(peer: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(peer) ?? { tokens: this.#rate.burst, updatedAt: now };
    bucket.tokens = Math.min(this.#rate.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.#rate.perSecond);
    bucket.updatedAt = now;
    if (!this.#buckets.has(peer)) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#dropFull(now);
      this.#buckets.set(peer, bucket);
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Peers whose bucket has refilled are indistinguishable from new ones: forget them. */
  #dropFull(now: number): void {
    for (const [peer, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.#rate.perSecond >= this.#rate.burst) this.#buckets.delete(peer);
    }
    // Still full of busy peers: drop the oldest entries (insertion order) rather than grow.
    for (const peer of this.#buckets.keys()) {
      if (this.#buckets.size < MAX_BUCKETS) break;
      this.#buckets.delete(peer);
    }
  }
}
