// What encryption at rest costs (issue: at most 1.1x the time). The same work on a locker
// that seals every value (AES-256-GCM, HMAC-named key parts: the only kind the app opens)
// and on one whose sealing is a pass-through (values stored as their UTF-8, key parts as
// they are) — the cost of everything but the cryptography is the same on both sides:
// - opening the 100k-record locker (bench/locker-open.ts builds both, cached in bench/.data/);
// - importing 100k signed records from a bundle (the import bench's work).
import { fileURLToPath } from 'node:url';
import { type LockerUnlock, type OpenOptions, type Sealing, openLocker } from '../src/store/locker.ts';
import { compareRates, report } from './harness.ts';
import { importRate } from './import.ts';
import { ensureLocker } from './locker-open.ts';
import { signedBundle } from './signed-bundle.ts';

const PLAIN_DIR = fileURLToPath(new URL('./.data/locker-100k-plain/', import.meta.url));
const SEALED_DIR = fileURLToPath(new URL('./.data/locker-100k/', import.meta.url));
const IMPORT_RECORDS = 100_000;

/** Stores values as they are: the baseline that prices the sealing itself. */
function passThrough(): Sealing {
  return {
    seal: (_key, text) => Buffer.concat([Buffer.of(0x01), Buffer.from(text, 'utf8')]),
    open: (_key, bytes) => Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1).toString('utf8'),
    hide: (part) => part,
  };
}
const PLAIN: OpenOptions = { sealing: () => passThrough() };

async function openRate(dir: string, owner: LockerUnlock, options: OpenOptions): Promise<number> {
  const started = performance.now();
  let opens = 0;
  while (performance.now() - started < 300) {
    const locker = await openLocker(dir, owner, options);
    if (!locker.integrity.ok) throw new Error('the bench locker failed its integrity check');
    await locker.close();
    opens++;
  }
  return (opens * 1000) / (performance.now() - started);
}

export async function benchLockerCrypto(): Promise<void> {
  const sealedOwner = await ensureLocker(SEALED_DIR);
  const plainOwner = await ensureLocker(PLAIN_DIR, PLAIN);
  await openRate(SEALED_DIR, sealedOwner, {}); // warm both (module loading, page cache)
  await openRate(PLAIN_DIR, plainOwner, PLAIN);
  const opens = await compareRates(() => openRate(PLAIN_DIR, plainOwner, PLAIN), () => openRate(SEALED_DIR, sealedOwner, {}), 7);
  report('locker open (100k records), encrypted vs not', 'opens/s', opens.baseline.rate, opens.subject.rate, { atLeast: 1 / 1.1 });

  const { owner, path: bundle } = await signedBundle(IMPORT_RECORDS);
  const imports = await compareRates(() => importRate(owner, bundle, IMPORT_RECORDS, PLAIN), () => importRate(owner, bundle, IMPORT_RECORDS), 3);
  report(`import ${IMPORT_RECORDS / 1000}k signed records, encrypted vs not`, 'records/s', imports.baseline.rate, imports.subject.rate, { atLeast: 1 / 1.1 });
}

if (import.meta.main) await benchLockerCrypto();
