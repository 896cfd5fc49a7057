// Opening a locker must stay close to opening its LevelDB database, however much it holds:
// openLocker + close on a locker with 100k records vs bare `new Level(dir)` open + close
// of the same directory. Target: at most 2x the bare open time, i.e. a rate ratio >= 0.5.
// The locker is built once (through the bulk import path) and cached under bench/.data/.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Level } from 'level';
import type { Signer } from '../src/identity/signer.ts';
import { type LockerUnlock, type OpenOptions, lockerDbPath, openLocker, type RecordVersionInput } from '../src/store/locker.ts';
import { compareRates, rateOf, report } from './harness.ts';

const RECORDS = 100_000;
const DIR = fileURLToPath(new URL('./.data/locker-100k/', import.meta.url));

function signerFrom(pkcs8: string): Signer & LockerUnlock {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8, 'hex'), format: 'der', type: 'pkcs8' });
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
  const did = 'did:key:bench';
  const wrappingKey = new Uint8Array(createHash('sha256').update(`wrap:${pkcs8}`).digest());
  return { did, verificationMethod: `${did}#key`, publicKey, sign: (message) => new Uint8Array(sign(null, message, privateKey)), lockerWrappingKey: () => wrappingKey };
}

function* records(): Generator<RecordVersionInput> {
  const types = ['name', 'email', 'phone', 'address', 'preference', 'purchase'];
  for (let i = 0; i < RECORDS; i++) {
    const id = `rec-${String(i).padStart(6, '0')}`;
    const type = types[i % types.length] ?? 'custom';
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'KithRecord'],
      issuer: 'did:key:bench',
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id, type, version: 1, data: { value: `value ${i}` } },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofValue: `z${'x'.repeat(86)}` },
    };
    yield { id, type, version: 1, credential };
  }
}

/** The cached 100k-record locker in `dir` (built once), and its owner; `options` as openLocker's. */
export async function ensureLocker(dir = DIR, options: OpenOptions = {}): Promise<Signer & LockerUnlock> {
  const ready = join(dir, '..', `${dir.split('/').filter(Boolean).pop() ?? 'locker'}.ready.json`);
  try {
    const { pkcs8 } = JSON.parse(await readFile(ready, 'utf8')) as { pkcs8: string };
    return signerFrom(pkcs8);
  } catch {
    // Not built yet (or a build was interrupted): start over.
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const pkcs8 = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex');
  const signer = signerFrom(pkcs8);
  const started = performance.now();
  const locker = await openLocker(dir, signer, options);
  await locker.commitMany(signer, records(), { audit: { kind: 'bundle.imported', details: {} }, batchSize: 1000 });
  await locker.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(`      built a ${RECORDS}-record locker in ${seconds.toFixed(1)} s (${Math.round(RECORDS / seconds)} records/s)`);
  await writeFile(ready, JSON.stringify({ pkcs8 }));
  return signer;
}

export async function benchLockerOpen(): Promise<void> {
  const signer = await ensureLocker();
  const owner = { did: signer.did, publicKey: signer.publicKey, lockerWrappingKey: signer.lockerWrappingKey };
  const dbPath = lockerDbPath(DIR);
  const bare = () =>
    rateOf(async () => {
      const db = new Level(dbPath);
      await db.open();
      await db.close();
    }, 1);
  const locker = () =>
    rateOf(async () => {
      const opened = await openLocker(DIR, owner);
      if (!opened.integrity.ok) throw new Error('the bench locker failed its integrity check');
      await opened.close();
    }, 1);
  await locker(); // warm both paths (module loading, page cache) before measuring
  const { baseline, subject } = await compareRates(bare, locker, 7);
  report(`locker open with ${RECORDS / 1000}k records vs bare LevelDB open`, 'opens/s', baseline.rate, subject.rate, { atLeast: 0.5 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLockerOpen();
