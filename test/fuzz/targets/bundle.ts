// Bundle archives (src/app/bundle), as `kith import` and `kith verify` read them: a real
// bundle (3 signed records, exported through the locker) damaged at random — bytes
// flipped, cut, inserted, so tar headers, sizes, checksums and padding all get hit — and
// tars of random entries (names, types, sizes); encrypted bundles damaged the same way
// (the header's checksum recomputed half of the time, so the checks behind it are reached);
// the manifest edited and signed again by the owner; and single JSONL lines (records.jsonl,
// audit.jsonl) read by the line reader and the record check.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import tar from 'tar-stream';
import { ENCRYPTED_HEADER_BYTES } from '../../../src/app/bundle/encrypted-bundle.ts';
import { exportBundle } from '../../../src/app/bundle/export-bundle.ts';
import { readLines } from '../../../src/app/bundle/jsonl.ts';
import { checkRecordLine } from '../../../src/app/bundle/record-check.ts';
import { stageBundle } from '../../../src/app/bundle/stage-bundle.ts';
import { recordCredential } from '../../../src/app/records/record-credential.ts';
import { addProof } from '../../../src/credentials/data-integrity.ts';
import type { JsonObject, JsonValue } from '../../../src/credentials/types.ts';
import { openLocker } from '../../../src/store/locker.ts';
import { applyByteEdits, applyEdits, byteEdits, jsonEdits, type ByteEdit, type Edit } from '../arbitraries.ts';
import { defineTarget } from '../runner.ts';
import { owner } from './fixtures.ts';

const PASSPHRASE = 'fuzz passphrase';
/** The cheapest scrypt the header accepts (2^10): the cost of a case is then the decoder's. */
const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const time = '2026-01-01T00:00:00.000Z';

interface Sample {
  readonly dir: string;
  readonly plain: Uint8Array;
  readonly encrypted: Uint8Array;
  /** The plain bundle's entries, to pack again with an edited manifest. */
  readonly entries: readonly { name: string; data: Buffer }[];
  readonly manifest: JsonValue;
}

async function entriesOf(bytes: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  const extract = tar.extract();
  const out: { name: string; data: Buffer }[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      out.push({ name: entry.header.name, data: Buffer.concat(chunks) });
    }
  })();
  extract.end(Buffer.from(bytes));
  await done;
  return out;
}

async function packed(entries: readonly { name: string; data: Uint8Array; type?: tar.Header['type'] }[]): Promise<Uint8Array> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const e of entries) {
    if (e.type === undefined || e.type === 'file') pack.entry({ name: e.name, size: e.data.length }, Buffer.from(e.data));
    else pack.entry({ name: e.name, type: e.type, ...(e.type === 'symlink' ? { linkname: '../../etc/passwd' } : {}) });
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

async function sample(): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-fuzz-bundle-'));
  const locker = await openLocker(join(dir, 'locker'), owner);
  const versions = (['email', 'address', 'purchase'] as const).map((type, i) => {
    const id = `r${String(i).padStart(15, '0')}`;
    const data = type === 'email' ? { address: 'ana@example.org' } : type === 'address' ? { streetAddress: 'Rua Augusta 1', addressLocality: 'Lisboa', addressCountry: 'PT' } : { vendor: 'Livraria', item: 'Book', date: '2026-03-01', amount: 12.5, currency: 'EUR' };
    return { id, type, version: 1, deleted: false, time, credential: recordCredential(owner, { id, type, version: 1, deleted: false, time, data }) };
  });
  try {
    await locker.commitMany(owner, versions, { audit: { kind: 'bundle.imported', details: {} } });
    await exportBundle(locker, owner, join(dir, 'plain.kith'), true);
    await exportBundle(locker, owner, join(dir, 'sealed.kith'), true, { passphrase: PASSPHRASE, scrypt: CHEAP_SCRYPT });
  } finally {
    await locker.close();
  }
  const plain = await readFile(join(dir, 'plain.kith'));
  const entries = await entriesOf(plain);
  const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as JsonValue;
  return { dir, plain, encrypted: await readFile(join(dir, 'sealed.kith')), entries, manifest };
}

let counter = 0;

/** Stages `bytes` as a bundle file, as import and verify do; the staging folder is removed after. */
async function stage(bytes: Uint8Array, s: Sample): Promise<void> {
  const path = join(s.dir, `case-${counter++ % 4}.kith`);
  await writeFile(path, bytes);
  const scratch = await mkdtemp(join(s.dir, 'scratch-'));
  try {
    await stageBundle(path, scratch, { checkAudit: true, passphrase: PASSPHRASE });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The encrypted sample's header checksum made right again after damage (a forger would). */
function resummed(bytes: Uint8Array): Uint8Array {
  if (bytes.length < ENCRYPTED_HEADER_BYTES) return bytes;
  const copy = Buffer.from(bytes);
  // Keep the KDF cost as exported: a forged but in-bounds cost is the bundle's to ask (bounded, passphrase-key.ts).
  copy[10] = 10;
  copy[11] = 8;
  copy[12] = 1;
  createHash('sha256').update(copy.subarray(0, ENCRYPTED_HEADER_BYTES - 32)).digest().copy(copy, ENCRYPTED_HEADER_BYTES - 32);
  return copy;
}

const recordSample = JSON.stringify(recordCredential(owner, { id: 'r000000000000001', type: 'email', version: 1, deleted: false, time, data: { address: 'ana@example.org' } }));
/** A record line as exported, or with a few bytes changed. */
const recordLine = fc.tuple(fc.constant(new TextEncoder().encode(recordSample)), fc.option(byteEdits(8), { nil: undefined })).map(([line, edits]) => (edits === undefined ? line : applyByteEdits(line, edits)));

const BUNDLE_NAMES = ['manifest.json', 'records.jsonl', 'audit.jsonl', `blobs/${'a'.repeat(64)}`, 'blobs/', '../manifest.json', 'x'];
const randomTar: fc.Arbitrary<RandomEntry[]> = fc.array(
  fc.record({
    name: fc.oneof(fc.constantFrom(...BUNDLE_NAMES), fc.string({ maxLength: 120 })),
    data: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.jsonValue({ maxDepth: 2 }).map((v) => new TextEncoder().encode(`${JSON.stringify(v)}\n`))),
    type: fc.constantFrom<tar.Header['type']>('file', 'file', 'file', 'directory', 'symlink', 'fifo'),
  }),
  { maxLength: 6 },
);

function manifestEdited(s: Sample, value: JsonValue, resign: boolean): Promise<Uint8Array> {
  let manifest = value;
  if (resign && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { proof: _old, ...rest } = value;
    try {
      manifest = addProof(rest as JsonObject, owner);
    } catch {
      manifest = value;
    }
  }
  return packed(s.entries.map((e) => (e.name === 'manifest.json' ? { name: e.name, data: Buffer.from(JSON.stringify(manifest)) } : e)));
}

type BundleCase =
  | { readonly kind: 'damaged'; readonly sealed: boolean; readonly resum: boolean; readonly edits: ByteEdit[] }
  | { readonly kind: 'random'; readonly entries: RandomEntry[] }
  | { readonly kind: 'manifest'; readonly edits: Edit[]; readonly resign: boolean };

interface RandomEntry {
  readonly name: string;
  readonly data: Uint8Array;
  readonly type: tar.Header['type'];
}

async function bundleBytes(c: BundleCase, s: Sample): Promise<Uint8Array> {
  if (c.kind === 'random') return packed(c.entries);
  if (c.kind === 'manifest') return manifestEdited(s, applyEdits(s.manifest, c.edits), c.resign);
  const edited = applyByteEdits(c.sealed ? s.encrypted : s.plain, c.edits);
  return c.sealed && c.resum ? resummed(edited) : edited;
}

export const bundleTargets = [
  defineTarget({
    name: 'bundle/archive',
    covers: 'bundle files, plain and encrypted: tar entries and headers, the encrypted header, manifest, parts, records, audit chain (stageBundle)',
    // Each case writes a file and stages it in a scratch folder (~15 ms a case), so the CI
    // pass takes fewer cases here.
    quickCases: 300,
    timeoutMs: 10_000,
    setup: sample,
    teardown: (s) => rm(s.dir, { recursive: true, force: true }),
    arbitrary: fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('damaged' as const), sealed: fc.boolean(), resum: fc.boolean(), edits: byteEdits() }) },
      { weight: 1, arbitrary: randomTar.map((entries) => ({ kind: 'random' as const, entries })) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('manifest' as const), edits: jsonEdits, resign: fc.boolean() }) },
    ),
    run: async (c, s) => stage(await bundleBytes(c, s), s),
    roundTrip: {
      arbitrary: fc.constantFrom(false, true),
      check: async (sealed, s) => stage(sealed ? s.encrypted : s.plain, s),
      maxCases: 20,
    },
  }),
  defineTarget({
    name: 'bundle/jsonl',
    covers: 'records.jsonl / audit.jsonl: the line reader (byte cap, CR LF, UTF-8) and the record check of one line',
    setup: sample,
    teardown: (s) => rm(s.dir, { recursive: true, force: true }),
    arbitrary: fc.record({
      lines: fc.array(fc.oneof(fc.uint8Array({ maxLength: 200 }), recordLine), { maxLength: 5 }),
      ending: fc.constantFrom('\n', '\r\n', ''),
      maxLineBytes: fc.constantFrom(16, 300, 1024 * 1024),
    }),
    async run({ lines, ending, maxLineBytes }, s) {
      const path = join(s.dir, `lines-${counter++ % 4}.jsonl`);
      const parts = lines.flatMap((line) => [Buffer.from(line), Buffer.from(ending)]);
      await writeFile(path, Buffer.concat(parts));
      for await (const { line, text } of readLines(path, 'records.jsonl', maxLineBytes)) checkRecordLine(line, text);
    },
  }),
];
