// Importing 100k signed records (a real `kith export` bundle: unpack, hash, check the
// manifest and trail, then per record parse + JCS + SHA-256 + verify, then store in
// LevelDB) against the bare native Ed25519 verify rate of the same signatures with a
// cached KeyObject. Target: the import rate is at least 60% of the bare verify rate.
// The bundle is built once and cached under bench/.data/.
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBundle } from '../src/app/bundle/import-bundle.ts';
import { hashData, decodeProofValue } from '../src/credentials/eddsa-jcs-2022.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { type OpenOptions, openLocker } from '../src/store/locker.ts';
import { compareRates, report } from './harness.ts';
import { signedBundle, signedVersions } from './signed-bundle.ts';

const RECORDS = 100_000;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');


/** The signatures and signed bytes of the bundle's records, for the bare baseline. */
async function signedMessages(owner: OwnerKey, count: number): Promise<{ message: Uint8Array; signature: Uint8Array }[]> {
  const out = [];
  let i = 0;
  for (const version of signedVersions(owner, RECORDS)) {
    const { proof, ...unsecured } = version.credential as { proof: Record<string, unknown>; '@context': unknown };
    const { proofValue, ...config } = proof;
    out.push({ message: hashData(unsecured, { ...config, '@context': unsecured['@context'] }), signature: decodeProofValue(String(proofValue), 'proof') });
    if (++i === count) break;
  }
  return out;
}

/** Records/s of one import of `bundle` (of `records` records) into a new locker opened with `options`. */
export async function importRate(owner: OwnerKey, bundle: string, records: number, options: OpenOptions = {}): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-import-run-'));
  try {
    const locker = await openLocker(dir, owner, options);
    const started = performance.now();
    const summary = await importBundle(locker, owner, bundle);
    const rate = (summary.versions * 1000) / (performance.now() - started);
    await locker.close();
    if (summary.versions !== records) throw new Error(`imported ${summary.versions} of ${records}`);
    return rate;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchImport(): Promise<void> {
  const { owner: owner, path: bundle } = await signedBundle(RECORDS);
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
  const fullImport = () => importRate(owner, bundle, RECORDS);
  const { baseline, subject } = await compareRates(bareVerify, fullImport, 3);
  report(`import ${RECORDS / 1000}k signed records vs bare Ed25519 verify`, 'records/s', baseline.rate, subject.rate, { atLeast: 0.6 });
}

if (import.meta.main) await benchImport();
