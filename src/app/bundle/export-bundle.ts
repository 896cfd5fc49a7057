// `kith export FILE`: everything the locker holds, as one signed, portable tar bundle
// (format: bundle-format.ts). The two JSONL parts are written to a scratch folder beside
// the target (their hashes go into the manifest, which tar needs sizes for), then
// everything is packed into a temp file that takes the real name only when complete.
// With a passphrase the packed tar is encrypted as it streams (encrypted-bundle.ts).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { BundleSummary } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import { issueCredential } from '../../credentials/credential.ts';
import type { JsonObject } from '../../credentials/types.ts';
import type { Signer } from '../../identity/signer.ts';
import type { Locker } from '../../store/locker.ts';
import { fileError, writeAtomically } from '../files.ts';
import { recordFacts } from '../records/record-credential.ts';
import { AUDIT_NAME, BLOB_PREFIX, BUNDLE_FORMAT, MANIFEST_CREDENTIAL_TYPE, MANIFEST_NAME, RECORDS_NAME, type BundleFile } from './bundle-format.ts';
import { writeEncryptedBundle, type SealOptions } from './encrypted-bundle.ts';
import { jsonlWriter, type JsonlWriter } from './jsonl.ts';

const PAGE = 1000;

async function fileEntry(path: string, name: string): Promise<BundleFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { path: name, sha256: hash.digest('hex'), size };
}

/** Writes a JSONL part through `fill`, closing (or, on failure, destroying) the stream. */
async function writePart(path: string, fill: (writer: JsonlWriter) => Promise<void>): Promise<number> {
  const writer = jsonlWriter(path);
  try {
    await fill(writer);
    await writer.close();
    return writer.count;
  } catch (error) {
    writer.destroy();
    throw error;
  }
}

export interface ExportOptions extends SealOptions {
  /** Encrypt the bundle under this passphrase. */
  readonly passphrase?: string;
}

/** Packs entries through `write`; a failing source (say, a damaged document) fails the whole write. */
async function packTar(write: (tar: Readable) => Promise<void>, entries: readonly { name: string; size: number; open: () => Readable }[], manifest: string) {
  const pack = tar.pack();
  const written = write(pack as unknown as Readable);
  // Awaited below; a failure before then must not go unhandled, and must stop the packing
  // (a writer that failed before reading would otherwise leave the entries waiting).
  written.catch(() => pack.destroy());
  try {
    for (const { name, size, open } of entries) {
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name, size, mode: 0o644, mtime: new Date(0) }, (error) => (error ? reject(error) : resolve()));
        pipeline(open(), entry).catch(reject);
      });
    }
    pack.entry({ name: MANIFEST_NAME, mode: 0o644, mtime: new Date(0) }, manifest);
    pack.finalize();
  } catch (error) {
    pack.destroy();
    throw error;
  } finally {
    await written.catch(() => undefined);
  }
  await written;
}

export async function exportBundle(locker: Locker, signer: Signer, path: string, overwrite: boolean, options: ExportOptions = {}): Promise<BundleSummary> {
  const { passphrase } = options;
  // A bundle carries the trail as proof of history: never pass on a broken one.
  const chain = await locker.audit.verifyChain();
  if (!chain.ok) {
    throw new KithError('Corrupt', 'The audit trail does not verify, so it cannot be exported.', { hint: 'Run `kith log --verify` to see what changed.' });
  }
  let summary: BundleSummary | undefined;
  await writeAtomically(path, overwrite, async (temp) => {
    const scratch = await mkdtemp(join(dirname(path), `.${basename(path)}.kith-`)).catch((error: unknown) => {
      throw fileError(error, dirname(path));
    });
    try {
      const recordsPath = join(scratch, RECORDS_NAME);
      const ids = new Set<string>();
      const blobs = new Set<string>();
      const versions = await writePart(recordsPath, async (records) => {
        for await (const version of locker.records.versions()) {
          ids.add(version.id);
          await records.write(version.credential);
          const facts = recordFacts(version.credential);
          if (facts.type === 'document' && !facts.deleted) blobs.add((facts.data as { sha256: string }).sha256);
        }
      });
      const auditPath = join(scratch, AUDIT_NAME);
      const auditEntries = await writePart(auditPath, async (audit) => {
        for (let from = 0; ; ) {
          const page = await locker.audit.entries({ from, limit: PAGE });
          for (const entry of page) await audit.write(entry);
          if (page.length < PAGE) break;
          from = (page.at(-1)?.seq ?? from) + 1;
        }
      });

      const recordsFile = await fileEntry(recordsPath, RECORDS_NAME);
      const auditFile = await fileEntry(auditPath, AUDIT_NAME);
      const documents = [...blobs].sort();
      const manifest = issueCredential({
        types: [MANIFEST_CREDENTIAL_TYPE],
        signer,
        subject: {
          id: signer.did,
          format: BUNDLE_FORMAT,
          created: new Date().toISOString(),
          records: ids.size,
          versions,
          documents: documents.length,
          auditEntries,
          files: [recordsFile, auditFile] as unknown as JsonObject[],
        },
      });
      const entries: { name: string; size: number; open: () => Readable }[] = [
        { name: RECORDS_NAME, size: recordsFile.size, open: () => createReadStream(recordsPath) },
        { name: AUDIT_NAME, size: auditFile.size, open: () => createReadStream(auditPath) },
      ];
      for (const sha256 of documents) {
        entries.push({ name: `${BLOB_PREFIX}${sha256}`, size: await locker.blobs.size(sha256), open: () => locker.blobs.open(sha256) });
      }
      const write =
        passphrase === undefined
          ? (source: Readable) => pipeline(source, createWriteStream(temp, { flags: 'wx' }))
          : (source: Readable) => writeEncryptedBundle(temp, passphrase, source as AsyncIterable<Uint8Array>, options);
      await packTar(write, entries, `${JSON.stringify(manifest, null, 2)}\n`);
      summary = { path, owner: signer.did, records: ids.size, versions, documents: documents.length, auditEntries };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
  if (summary === undefined) throw new KithError('Internal', 'The bundle was not written.');
  return summary;
}
