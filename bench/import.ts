// Importing 100k signed records (a real `kith export` bundle: unpack, hash, check the
// manifest and trail, then per record parse + JCS + SHA-256 + verify, then store in
// LevelDB) against the bare native Ed25519 verify rate of the same signatures with a
// cached KeyObject. Target: the import rate is at least 60% of the bare verify rate.
// The bundle is built once and cached under bench/.data/.
import { createPublicKey, verify } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportBundle } from '../src/app/bundle/export-bundle.ts';
import { importBundle } from '../src/app/bundle/import-bundle.ts';
import { recordCredential } from '../src/app/records/record-credential.ts';
import { hashData, decodeProofValue } from '../src/credentials/eddsa-jcs-2022.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { generateSeed } from '../src/identity/ed25519.ts';
import { openLocker, type RecordVersionInput } from '../src/store/locker.ts';
import { compareRates, report } from './harness.ts';

const RECORDS = 100_000;
const DATA = fileURLToPath(new URL('./.data/', import.meta.url));
const BUNDLE = join(DATA, 'import-100k.kith');
const SEED = join(DATA, 'import-100k.seed');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function* versions(owner: OwnerKey): Generator<RecordVersionInput> {
  const time = '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < RECORDS; i++) {
    const id = `r${String(i).padStart(15, '0')}`;
    const data =
      i % 3 === 0
        ? { address: `person${i}@example.org`, label: 'home' }
        : i % 3 === 1
          ? { streetAddress: `Rua Augusta ${i}`, addressLocality: 'Lisboa', postalCode: '1100-053', addressCountry: 'PT' }
          : { vendor: 'Livraria Bertrand', item: `Book ${i}`, date: '2026-03-01', amount: 12.5, currency: 'EUR' };
    const type = i % 3 === 0 ? 'email' : i % 3 === 1 ? 'address' : 'purchase';
    const credential = recordCredential(owner, { id, type, version: 1, deleted: false, time, data });
    yield { id, type, version: 1, deleted: false, time, credential };
  }
}

async function ensureBundle(): Promise<OwnerKey> {
  const cached = await readFile(SEED).catch(() => undefined);
  if (cached !== undefined && (await stat(BUNDLE).catch(() => undefined)) !== undefined) return OwnerKey.fromSeed(cached);
  await mkdir(DATA, { recursive: true });
  const seed = generateSeed();
  const owner = OwnerKey.fromSeed(seed);
  const dir = await mkdtemp(join(DATA, 'import-build-'));
  const started = performance.now();
  const locker = await openLocker(dir, owner);
  await locker.commitMany(owner, versions(owner), { audit: { kind: 'bench.build', details: {} } });
  await rm(BUNDLE, { force: true });
  await exportBundle(locker, owner, BUNDLE, true);
  await locker.close();
  await rm(dir, { recursive: true, force: true });
  await writeFile(SEED, seed);
  console.log(`      built a ${RECORDS}-record bundle in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return owner;
}

/** The signatures and signed bytes of the bundle's records, for the bare baseline. */
async function signedMessages(owner: OwnerKey, count: number): Promise<{ message: Uint8Array; signature: Uint8Array }[]> {
  const out = [];
  let i = 0;
  for (const version of versions(owner)) {
    const { proof, ...unsecured } = version.credential as { proof: Record<string, unknown>; '@context': unknown };
    const { proofValue, ...config } = proof;
    out.push({ message: hashData(unsecured, { ...config, '@context': unsecured['@context'] }), signature: decodeProofValue(String(proofValue), 'proof') });
    if (++i === count) break;
  }
  return out;
}

export async function benchImport(): Promise<void> {
  const owner = await ensureBundle();
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, owner.publicKey]), format: 'der', type: 'spki' });
  const messages = await signedMessages(owner, 2000);
  if (!messages.every(({ message, signature }) => verify(null, message, key, signature))) throw new Error('baseline messages do not verify');

  const bareVerify = async () => {
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < 1000) {
      for (const { message, signature } of messages) verify(null, message, key, signature);
      done += messages.length;
    }
    return (done * 1000) / (performance.now() - started);
  };
  const fullImport = async () => {
    const dir = await mkdtemp(join(DATA, 'import-run-'));
    try {
      const locker = await openLocker(dir, owner);
      const started = performance.now();
      const summary = await importBundle(locker, owner, BUNDLE);
      const rate = (summary.versions * 1000) / (performance.now() - started);
      await locker.close();
      if (summary.versions !== RECORDS) throw new Error(`imported ${summary.versions} of ${RECORDS}`);
      return rate;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const { baseline, subject } = await compareRates(bareVerify, fullImport, 3);
  report(`import ${RECORDS / 1000}k signed records vs bare Ed25519 verify`, 'records/s', baseline.rate, subject.rate, { atLeast: 0.6 });
}

if (import.meta.main) await benchImport();
