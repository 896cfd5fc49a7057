// Documents encrypted at rest vs the plain document store, in the same run: a 64 MiB
// document written (put: hashed, written, fsynced, renamed into place) and read back
// (open: the plain store re-hashes every byte; the encrypted one decrypts and authenticates
// every chunk), in 64 KiB pieces as a file read or a peer's transfer brings them.
//   baseline: openBlobStore(dir) — the plain store.
//   subject:  openBlobStore(dir, { key }) — AES-256-GCM per 64 KiB chunk, a key per file.
// Targets: the encrypted store writes and reads at least 0.9 of the plain store's MiB/s.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlobStore, type BlobStore } from '../src/store/blobs.ts';
import { compareRates, rateOf, report } from './harness.ts';

const SIZE = 64 * 1024 * 1024;
const PIECE = 64 * 1024;
const ROUNDS = 7;
/**
 * A put's time is mostly the disk's (written, fsynced), which other work on this shared
 * machine makes swing 3x from one put to the next: each side is timed over 1.5 s of puts
 * a round, so that a hiccup is spread over several of them.
 */
const PUT_MS = 1500;

export async function benchBlobCrypto(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-blobs-'));
  const data = randomBytes(SIZE);
  const mib = SIZE / (1024 * 1024);
  const plain = openBlobStore(join(dir, 'plain'));
  const sealed = openBlobStore(join(dir, 'sealed'), { key: randomBytes(32) });
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < SIZE; at += PIECE) yield data.subarray(at, at + PIECE);
  }
  const put = (store: BlobStore) => () =>
    rateOf(async () => {
      const { sha256 } = await store.put(pieces());
      await store.remove(sha256);
    }, mib, PUT_MS);
  let sha256 = '';
  const read = (store: BlobStore) => () =>
    rateOf(async () => {
      let got = 0;
      for await (const chunk of store.open(sha256)) got += (chunk as Buffer).byteLength;
      if (got !== SIZE) throw new Error(`read ${got} of ${SIZE} bytes`);
    }, mib);
  // What a peer fetching the file is served from (no re-hash: the peer checks the hash).
  const serve = (store: BlobStore) => () =>
    rateOf(async () => {
      let got = 0;
      for await (const chunk of store.readUnverified(sha256, { chunkBytes: 1024 * 1024 })) got += chunk.byteLength;
      if (got !== SIZE) throw new Error(`served ${got} of ${SIZE} bytes`);
    }, mib);
  const fmt = (rounds: readonly number[]): string => rounds.map((r) => r.toFixed(0)).join(' ');
  try {
    await put(plain)();
    await put(sealed)(); // warm both paths (JIT, page cache) before measuring
    const writes = await compareRates(put(plain), put(sealed), ROUNDS);
    console.log(`  rounds (MiB/s): put plain ${fmt(writes.baseline.rounds)}; put encrypted ${fmt(writes.subject.rounds)}`);
    report(`document write (${mib} MiB put) encrypted vs plain`, 'MiB/s', writes.baseline.rate, writes.subject.rate, { atLeast: 0.9 });
    ({ sha256 } = await plain.put(pieces()));
    await sealed.put(pieces());
    await read(plain)();
    await read(sealed)();
    const reads = await compareRates(read(plain), read(sealed), ROUNDS, { servePlain: serve(plain), serveSealed: serve(sealed) });
    console.log(`  rounds (MiB/s): open plain ${fmt(reads.baseline.rounds)}; open encrypted ${fmt(reads.subject.rounds)}`);
    report(`document read (${mib} MiB open, verified) encrypted vs plain`, 'MiB/s', reads.baseline.rate, reads.subject.rate, { atLeast: 0.9 });
    const servedPlain = reads.alongside.servePlain?.rate ?? NaN;
    const servedSealed = reads.alongside.serveSealed?.rate ?? NaN;
    console.log(
      `      for context: serving to a peer (readUnverified, 1 MiB reads; plain is not hashed, encrypted is still authenticated) plain ${servedPlain.toFixed(0)} MiB/s, encrypted ${servedSealed.toFixed(0)} MiB/s: ratio ${(servedSealed / servedPlain).toFixed(2)}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchBlobCrypto();
