// `kith import FILE`: a verified bundle restored into an empty locker of the same owner.
// Two passes: stageBundle checks everything first (nothing is written to the records or
// the trail until the whole bundle has verified), then the parts are written in bulk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

export async function importBundle(locker: Locker, signer: Signer, path: string): Promise<BundleSummary> {
  if (locker.audit.head() !== undefined) {
    throw new KithError('InvalidInput', 'This locker already holds data; a bundle can only be imported into an empty one.', {
      hint: 'Import into a fresh data folder (--data-dir or KITH_HOME) after `kith restore`.',
    });
  }
  const scratch = await mkdtemp(join(tmpdir(), 'kith-import-'));
  try {
    const staged = await stageBundle(path, scratch, (source) => locker.blobs.put(source));
    if (staged.owner !== signer.did) {
      throw new KithError('NotTrusted', `This bundle belongs to ${staged.owner}, not to you.`, {
        hint: 'Restore that identity first (`kith restore` with its recovery phrase) in an empty data folder.',
      });
    }
    await locker.importAuditEntries(auditValues(staged.auditPath), { publicKey: staged.ownerKey });
    await locker.commitMany(signer, recordVersions(staged.recordsPath), {
      audit: { kind: 'bundle.imported', details: { file: basename(path) } },
    });
    const { manifest } = staged;
    return {
      path,
      owner: staged.owner,
      records: manifest.records,
      versions: manifest.versions,
      documents: manifest.files.length - 2,
      auditEntries: manifest.auditEntries,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
