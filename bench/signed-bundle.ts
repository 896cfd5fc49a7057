// A bundle of N signed records (emails, addresses, purchases), built once through the
// real locker and `kith export` path and cached under bench/.data/ with its owner's seed.
// The import and catch-up benchmarks both measure against it.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportBundle } from '../src/app/bundle/export-bundle.ts';
import { recordCredential } from '../src/app/records/record-credential.ts';
import { generateSeed } from '../src/identity/ed25519.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { openLocker, type RecordVersionInput } from '../src/store/locker.ts';

const DATA = fileURLToPath(new URL('./.data/', import.meta.url));

/** The records of the bundle, signed by `owner`, in the order they are stored. */
export function* signedVersions(owner: OwnerKey, count: number): Generator<RecordVersionInput> {
  const time = '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < count; i++) {
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

/** The cached bundle of `count` records (built on first use) and the owner who signed it. */
export async function signedBundle(count: number): Promise<{ owner: OwnerKey; path: string }> {
  const path = join(DATA, `import-${count / 1000}k.kith`);
  const seedPath = join(DATA, `import-${count / 1000}k.seed`);
  const cached = await readFile(seedPath).catch(() => undefined);
  if (cached !== undefined && (await stat(path).catch(() => undefined)) !== undefined) return { owner: OwnerKey.fromSeed(cached), path };
  await mkdir(DATA, { recursive: true });
  const seed = generateSeed();
  const owner = OwnerKey.fromSeed(seed);
  const dir = await mkdtemp(join(DATA, 'import-build-'));
  const started = performance.now();
  const locker = await openLocker(dir, owner);
  await locker.commitMany(owner, signedVersions(owner, count), { audit: { kind: 'bundle.imported', details: {} } });
  await rm(path, { force: true });
  await exportBundle(locker, owner, path, true);
  await locker.close();
  await rm(dir, { recursive: true, force: true });
  await writeFile(seedPath, seed);
  console.log(`      built a ${count}-record bundle in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { owner, path };
}
