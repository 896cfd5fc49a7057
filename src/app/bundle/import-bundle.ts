// `kith import FILE`: a bundle restored into a new locker of the same owner. The caller
// hands in a staging locker (AppContext.replaceLocker) that replaces the real one only if
// everything here succeeds, so a bad bundle — or a failure half way — changes nothing.
// The parts are staged inside the staging locker's folder: same disk, removed with it.
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BundleSummary } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import type { Signer } from '../../identity/signer.ts';
import type { Locker, RecordVersionInput } from '../../store/locker.ts';
import { recordFacts } from '../records/record-credential.ts';
import { AUDIT_NAME, BUNDLE_LIMITS, RECORDS_NAME } from './bundle-format.ts';
import { readJsonl } from './jsonl.ts';
import { stageBundle } from './stage-bundle.ts';

async function* recordVersions(path: string): AsyncGenerator<RecordVersionInput> {
  for await (const { value } of readJsonl(path, RECORDS_NAME, BUNDLE_LIMITS.lineBytes)) {
    const facts = recordFacts(value);
    yield { id: facts.id, type: facts.type, version: facts.version, deleted: facts.deleted, time: facts.time, credential: value as Record<string, unknown> };
  }
}

async function* auditValues(path: string): AsyncGenerator<unknown> {
  for await (const { value } of readJsonl(path, AUDIT_NAME, BUNDLE_LIMITS.lineBytes)) yield value;
}

/** `passphrase` opens an encrypted bundle (a plain one ignores it). */
export async function importBundle(staging: Locker, signer: Signer, path: string, passphrase?: string): Promise<BundleSummary> {
  const scratch = join(staging.dir, 'import-scratch');
  await mkdir(scratch);
  try {
    return await importStaged(staging, signer, path, scratch, passphrase);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function importStaged(staging: Locker, signer: Signer, path: string, scratch: string, passphrase: string | undefined): Promise<BundleSummary> {
  const staged = await stageBundle(path, scratch, { sink: (source) => staging.blobs.put(source), checkAudit: false, ...(passphrase === undefined ? {} : { passphrase }) });
  if (staged.owner !== signer.did) {
    throw new KithError('NotTrusted', `This bundle belongs to ${staged.owner}, not to you.`, {
      hint: 'Restore that identity first (`kith restore` with its recovery phrase) in an empty data folder.',
    });
  }
  // The locker checks every link and signature of the trail as it writes it.
  const audit = await staging.importAuditEntries(auditValues(staged.auditPath), { publicKey: staged.ownerKey });
  const { manifest } = staged;
  if (audit.imported !== manifest.auditEntries) {
    throw new KithError('Corrupt', `The bundle has been altered or damaged: ${AUDIT_NAME} holds ${audit.imported} entries where the manifest says ${manifest.auditEntries}.`);
  }
  await staging.commitMany(signer, recordVersions(staged.recordsPath), {
    audit: { kind: 'bundle.imported', details: { file: basename(path) } },
  });
  return { path, owner: staged.owner, records: manifest.records, versions: manifest.versions, documents: manifest.documents, auditEntries: manifest.auditEntries };
}
