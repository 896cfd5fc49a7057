// Encrypted vs plain export bundles, in the same run: a 64 MiB bundle stream (what the tar
// packer emits, in 64 KiB pieces) written to a file, and read back as the importer reads it.
//   baseline: the plain bundle — the stream piped to a file, and read with a file stream.
//   subject:  encrypted-bundle.ts — AES-256-GCM per 64 KiB chunk (written), and header
//             plus every chunk authenticated (read), with a cheap scrypt (N=2^10) so that
//             the streaming path is what is measured.
// The default scrypt (N=2^17, r=8, p=1) adds a fixed cost to every export and import,
// timed on its own below. Target (ours): the encrypted stream at >= 0.5 of the plain
// one's MiB/s, both ways.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openEncryptedBundle, writeEncryptedBundle } from '../src/app/bundle/encrypted-bundle.ts';
import { compareRates, rateOf, report } from './harness.ts';

const SIZE = 64 * 1024 * 1024;
const PIECE = 64 * 1024;
const ROUNDS = 5;
const PASS = 'a bench passphrase';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

export async function benchBundleCrypto(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-bundle-'));
  const data = randomBytes(SIZE);
  const mib = SIZE / (1024 * 1024);
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < SIZE; at += PIECE) yield data.subarray(at, at + PIECE);
  }
  let n = 0;
  const target = () => join(dir, `b${n++}`);
  const writePlain = () =>
    rateOf(async () => {
      const path = target();
      await pipeline(Readable.from(pieces()), createWriteStream(path, { flags: 'wx' }));
      await rm(path);
    }, mib);
  const writeSealed = (scrypt?: typeof CHEAP) => () =>
    rateOf(async () => {
      const path = target();
      await writeEncryptedBundle(path, PASS, pieces(), scrypt === undefined ? {} : { scrypt });
      await rm(path);
    }, mib);
  const drain = async (stream: AsyncIterable<unknown>) => {
    let got = 0;
    for await (const chunk of stream) got += (chunk as Buffer).byteLength;
    if (got !== SIZE) throw new Error(`read ${got} of ${SIZE} bytes`);
  };
  const plainFile = join(dir, 'plain');
  const sealedFile = join(dir, 'sealed');
  const cheapFile = join(dir, 'cheap');
  const readPlain = () => rateOf(() => drain(createReadStream(plainFile)), mib);
  const readSealed = (path: string) => () => rateOf(async () => drain((await openEncryptedBundle(path, PASS)).stream()), mib);
  const fmt = (rounds: readonly number[]): string => rounds.map((r) => r.toFixed(0)).join(' ');
  try {
    await writePlain();
    await writeSealed()(); // warm both paths before measuring
    const writes = await compareRates(writePlain, writeSealed(CHEAP), ROUNDS);
    console.log(`  rounds (MiB/s): export plain ${fmt(writes.baseline.rounds)}; export encrypted ${fmt(writes.subject.rounds)}`);
    report(`bundle export stream (${mib} MiB) encrypted vs plain`, 'MiB/s', writes.baseline.rate, writes.subject.rate, { atLeast: 0.5 });

    await pipeline(Readable.from(pieces()), createWriteStream(plainFile));
    await writeEncryptedBundle(cheapFile, PASS, pieces(), { scrypt: CHEAP });
    await readPlain();
    await readSealed(cheapFile)();
    const reads = await compareRates(readPlain, readSealed(cheapFile), ROUNDS);
    console.log(`  rounds (MiB/s): import read plain ${fmt(reads.baseline.rounds)}; encrypted ${fmt(reads.subject.rounds)}`);
    report(`bundle import read (${mib} MiB) encrypted vs plain`, 'MiB/s', reads.baseline.rate, reads.subject.rate, { atLeast: 0.5 });
    // The fixed cost: opening a tiny bundle under the default scrypt, median of three.
    await writeEncryptedBundle(sealedFile, PASS, Readable.from([data.subarray(0, PIECE)]));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await openEncryptedBundle(sealedFile, PASS);
      times.push(performance.now() - start);
    }
    console.log(`      for context: the default scrypt (N=2^17, r=8, p=1) costs each export and import ${times.sort((a, b) => a - b)[1]?.toFixed(0)} ms here`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchBundleCrypto();
