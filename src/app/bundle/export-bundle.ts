// `kith export FILE`: everything the locker holds, as one signed, portable tar bundle
// (format: bundle-format.ts). Parts are written to a scratch folder beside the target,
// then packed; the file appears under its name only when complete.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { BundleSummary } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import { issueCredential } from '../../credentials/credential.ts';
import type { JsonObject } from '../../credentials/types.ts';
import type { Locker } from '../../store/locker.ts';
import type { Signer } from '../../identity/signer.ts';
import { recordFacts } from '../records/record-credential.ts';
import { AUDIT_NAME, BLOB_PREFIX, BUNDLE_FORMAT, MANIFEST_CREDENTIAL_TYPE, MANIFEST_NAME, RECORDS_NAME, type BundleFile } from './bundle-format.ts';
import { jsonlWriter } from './jsonl.ts';

async function fileEntry(path: string, name: string): Promise<BundleFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { path: name, sha256: hash.digest('hex'), size };
}

/** Adds one file to the tar from a stream, with its size known in advance (tar needs it). */
async function packFile(pack: tar.Pack, name: string, size: number, source: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name, size, mode: 0o644, mtime: new Date(0) }, (error) => (error ? reject(error) : resolve()));
    pipeline(source, entry).catch(reject);
  });
}

export async function exportBundle(locker: Locker, signer: Signer, path: string, overwrite: boolean): Promise<BundleSummary> {
  if (!overwrite && (await stat(path).catch(() => undefined)) !== undefined) {
    throw new KithError('AlreadyExists', `${path} already exists.`, { hint: 'Choose another name, or add --force to replace it.' });
  }
  // A bundle carries the trail as proof of history: never pass on a broken one.
  const chain = await locker.audit.verifyChain();
  if (!chain.ok) {
    throw new KithError('Corrupt', 'The audit trail does not verify, so it cannot be exported.', { hint: 'Run `kith log --verify` to see what changed.' });
  }

  const scratch = await mkdtemp(join(dirname(path), `.${basename(path)}.kith-`));
  try {
    const recordsPath = join(scratch, RECORDS_NAME);
    const records = jsonlWriter(recordsPath);
    const ids = new Set<string>();
    const blobs = new Set<string>();
    for await (const version of locker.records.versions()) {
      ids.add(version.id);
      await records.write(version.credential);
      const facts = recordFacts(version.credential);
      if (facts.type === 'document' && !facts.deleted) blobs.add((facts.data as { sha256: string }).sha256);
    }
    await records.close();

    const auditPath = join(scratch, AUDIT_NAME);
    const audit = jsonlWriter(auditPath);
    for (let from = 0; ; ) {
      const page = await locker.audit.entries({ from, limit: 1000 });
      for (const entry of page) await audit.write(entry);
      if (page.length < 1000) break;
      from = (page.at(-1)?.seq ?? from) + 1;
    }
    await audit.close();

    const recordsFile = await fileEntry(recordsPath, RECORDS_NAME);
    const auditFile = await fileEntry(auditPath, AUDIT_NAME);
    const blobFiles: BundleFile[] = [];
    for (const sha256 of [...blobs].sort()) {
      blobFiles.push({ path: `${BLOB_PREFIX}${sha256}`, sha256, size: await locker.blobs.size(sha256) });
    }
    const files = [recordsFile, auditFile, ...blobFiles];
    const manifest = issueCredential({
      types: [MANIFEST_CREDENTIAL_TYPE],
      signer,
      subject: {
        id: signer.did,
        format: BUNDLE_FORMAT,
        created: new Date().toISOString(),
        records: ids.size,
        versions: records.count,
        auditEntries: audit.count,
        files: files as unknown as JsonObject[],
      },
    });

    const partial = join(scratch, 'bundle.tar');
    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(partial, { flags: 'wx' }));
    await packFile(pack, RECORDS_NAME, recordsFile.size, createReadStream(recordsPath));
    await packFile(pack, AUDIT_NAME, auditFile.size, createReadStream(auditPath));
    for (const file of blobFiles) await packFile(pack, file.path, file.size, locker.blobs.open(file.sha256));
    pack.entry({ name: MANIFEST_NAME, mode: 0o644, mtime: new Date(0) }, `${JSON.stringify(manifest, null, 2)}\n`);
    pack.finalize();
    await written;
    await rename(partial, path);
    return { path, owner: signer.did, records: ids.size, versions: records.count, documents: blobs.size, auditEntries: audit.count };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
