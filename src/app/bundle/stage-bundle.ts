// Reading a bundle (untrusted input): unpack it into a scratch folder while hashing every
// part, then check the signed manifest, the two parts against it, every record
// credential, and that the document files are exactly those the records name. The first
// problem found is reported with the offending item named. An encrypted bundle
// (encrypted-bundle.ts) is decrypted as it streams into the same steps.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { KithError } from '../../base/errors.ts';
import { parseJson, parseWith } from '../../base/schema.ts';
import { verifyCredential } from '../../credentials/credential.ts';
import { publicKeyFromDidKey } from '../../identity/did-key.ts';
import { fileError, regularFileSize } from '../files.ts';
import { checkAuditLines } from './check-audit.ts';
import { isEncryptedBundle, openEncryptedBundle } from './encrypted-bundle.ts';
import {
  AUDIT_NAME,
  BLOB_PREFIX,
  BUNDLE_LIMITS,
  MANIFEST_CREDENTIAL_TYPE,
  MANIFEST_NAME,
  RECORDS_NAME,
  isBundlePath,
  manifestSubjectSchema,
  type ManifestSubject,
} from './bundle-format.ts';
import { readJsonl, readLines } from './jsonl.ts';
import type { CheckedRecord } from './record-check.ts';
import { checkInParallel } from './verify-pool.ts';

export interface StagedBundle {
  readonly owner: string;
  readonly ownerKey: Uint8Array;
  readonly manifest: ManifestSubject;
  readonly recordsPath: string;
  readonly auditPath: string;
}

export interface StageOptions {
  /** Where document files go (a staging locker's blob store); without it they are only hashed. */
  readonly sink?: (source: Readable) => Promise<{ sha256: string; size: number }>;
  /** Check the audit chain here; an import leaves it to the locker, which checks it as it writes. */
  readonly checkAudit: boolean;
  /** For an encrypted bundle; without it one gives WrongPassphrase (see passphraseNeeded). A plain one ignores it. */
  readonly passphrase?: string;
}

interface Part {
  sha256: string;
  size: number;
}

function tampered(item: string, why: string): KithError {
  return new KithError('Corrupt', `The bundle has been altered or damaged: ${item} ${why}.`, { hint: 'Use an untouched copy of the bundle.' });
}

/** Passes bytes through while counting and hashing them, and cuts off past `max`. */
function meter(item: string, max: number): Transform & { result(): Part } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > max) return done(new KithError('InvalidInput', `The bundle's ${item} is larger than allowed.`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let digest: string | undefined;
  return Object.assign(stream, { result: () => ({ sha256: (digest ??= hash.digest('hex')), size }) });
}

async function collect(source: Readable, max: number, item: string): Promise<string> {
  const chunks: Buffer[] = [];
  await pipeline(source, meter(item, max), async (stream: AsyncIterable<Buffer>) => {
    for await (const chunk of stream) chunks.push(chunk);
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** tar-stream's own complaints about the archive (truncated, bad header, bad checksum). */
function isTarError(error: unknown): boolean {
  return error instanceof Error && !(error instanceof KithError) && (error as NodeJS.ErrnoException).code === undefined;
}

async function unpack(path: string, source: Readable, scratch: string, sink: StageOptions['sink']) {
  const parts = new Map<string, Part>();
  const blobs = new Map<string, number>();
  let manifestText: string | undefined;
  const extract = tar.extract();
  const reading = pipeline(source, extract);
  reading.catch(() => undefined); // its failure also ends the loop below, which reports it
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      const stream = entry as unknown as Readable; // tar-stream entries are streamx streams
      if (!isBundlePath(name)) throw tampered(JSON.stringify(name.slice(0, 80)), 'is not something a Kith bundle holds');
      if (type !== 'file') throw tampered(name, `is a ${type ?? 'special entry'}, not a file`);
      if (parts.has(name) || blobs.has(name.slice(BLOB_PREFIX.length)) || (name === MANIFEST_NAME && manifestText !== undefined)) {
        throw tampered(name, 'appears twice');
      }
      if (blobs.size >= BUNDLE_LIMITS.files) throw new KithError('InvalidInput', 'The bundle holds too many files.');
      if (name === MANIFEST_NAME) {
        manifestText = await collect(stream, BUNDLE_LIMITS.manifestBytes, name);
      } else if (name === RECORDS_NAME || name === AUDIT_NAME) {
        const m = meter(name, BUNDLE_LIMITS.partBytes);
        await pipeline(stream, m, createWriteStream(join(scratch, name), { flags: 'wx' }));
        parts.set(name, m.result());
      } else {
        const m = meter(name, BUNDLE_LIMITS.partBytes);
        const counted = stream.pipe(m);
        const stored = sink === undefined ? (await finished(counted.resume()), m.result()) : await sink(counted);
        if (stored.sha256 !== name.slice(BLOB_PREFIX.length)) throw tampered(name, 'does not match its hash');
        blobs.set(stored.sha256, stored.size);
      }
    }
    await reading;
  } catch (error) {
    if (isTarError(error)) throw new KithError('InvalidInput', 'The file is not a Kith bundle, or it is cut short (not a complete tar archive).');
    throw fileError(error, path);
  }
  return { parts, blobs, manifestText };
}

function checkManifest(manifestText: string | undefined): ManifestSubject {
  if (manifestText === undefined) throw tampered(MANIFEST_NAME, 'is missing');
  const credential = parseJson(manifestText, 'The bundle manifest');
  let signers;
  try {
    signers = verifyCredential(credential);
  } catch (error) {
    if (error instanceof KithError) throw tampered(MANIFEST_NAME, `is not validly signed (${error.message.replace(/\.$/, '')})`);
    throw error;
  }
  const { type, issuer, credentialSubject } = credential as { type?: unknown; issuer?: unknown; credentialSubject?: unknown };
  if (!Array.isArray(type) || !type.includes(MANIFEST_CREDENTIAL_TYPE)) throw tampered(MANIFEST_NAME, 'is not a Kith bundle manifest');
  const subject = parseWith(manifestSubjectSchema, credentialSubject, 'The bundle manifest');
  if (signers.length !== 1 || signers[0]?.signer !== subject.id || issuer !== subject.id) {
    throw tampered(MANIFEST_NAME, 'is not signed by the owner it names');
  }
  return subject;
}

export async function stageBundle(path: string, scratch: string, options: StageOptions): Promise<StagedBundle> {
  await regularFileSize(path);
  const source = (await isEncryptedBundle(path)) ? (await openEncryptedBundle(path, options.passphrase)).stream() : createReadStream(path);
  const { parts, blobs, manifestText } = await unpack(path, source, scratch, options.sink);
  const manifest = checkManifest(manifestText);
  for (const required of [RECORDS_NAME, AUDIT_NAME]) {
    const listed = manifest.files.find((file) => file.path === required);
    const part = parts.get(required);
    if (listed === undefined || part === undefined) throw tampered(required, 'is missing');
    if (part.sha256 !== listed.sha256 || part.size !== listed.size) throw tampered(required, 'does not match the manifest');
  }

  const staged: StagedBundle = {
    owner: manifest.id,
    ownerKey: publicKeyFromDidKey(manifest.id),
    manifest,
    recordsPath: join(scratch, RECORDS_NAME),
    auditPath: join(scratch, AUDIT_NAME),
  };
  if (options.checkAudit) {
    const lines = readJsonl(staged.auditPath, AUDIT_NAME, BUNDLE_LIMITS.lineBytes);
    const count = await checkAuditLines(lines, { did: staged.owner, publicKey: staged.ownerKey });
    if (count !== manifest.auditEntries) throw tampered(AUDIT_NAME, `holds ${count} entries where the manifest says ${manifest.auditEntries}`);
  }
  const named = await checkRecords(staged);
  for (const [sha256, size] of named) {
    if (blobs.get(sha256) !== size) throw tampered(`${BLOB_PREFIX}${sha256}`, blobs.has(sha256) ? 'has another size than its record says' : 'is named by a record but missing');
  }
  for (const sha256 of blobs.keys()) if (!named.has(sha256)) throw tampered(`${BLOB_PREFIX}${sha256}`, 'is not named by any document record');
  return staged;
}

/**
 * Every line a record credential by the owner, versions 1..n in order with one type per
 * record; returns the document files (sha256 -> size) that any version names.
 */
async function checkRecords(staged: StagedBundle): Promise<Map<string, number>> {
  const named = new Map<string, number>();
  let previous: CheckedRecord | undefined;
  let versions = 0;
  let records = 0;
  const lines = readLines(staged.recordsPath, RECORDS_NAME, BUNDLE_LIMITS.lineBytes);
  for await (const batch of checkInParallel(lines)) {
    for (const check of batch) {
      if (!check.ok) throw tampered(`${RECORDS_NAME} line ${check.line}`, `does not verify (${check.message.replace(/\.$/, '')})`);
      const facts = check.record;
      const item = `${RECORDS_NAME} line ${facts.line}`;
      if (facts.signer !== staged.owner || facts.issuer !== staged.owner) throw tampered(item, 'is not signed by the bundle owner');
      const same = previous !== undefined && previous.id === facts.id;
      const expected = same && previous !== undefined ? previous.version + 1 : 1;
      if (facts.version !== expected) throw tampered(item, `is version ${facts.version} of record ${facts.id} where ${expected} was expected`);
      if (same && previous?.type !== facts.type) throw tampered(item, `changes record ${facts.id} from ${previous?.type} to ${facts.type}`);
      if (!same && previous !== undefined && facts.id < previous.id) throw tampered(item, 'is out of order');
      // History is kept whole: a file named by any version (a deleted document's too) travels.
      if (facts.blob !== undefined) named.set(facts.blob.sha256, facts.blob.size);
      if (facts.version === 1) records++;
      versions++;
      previous = facts;
    }
  }
  if (versions !== staged.manifest.versions || records !== staged.manifest.records) {
    throw tampered(RECORDS_NAME, `holds ${records} records (${versions} versions) where the manifest says ${staged.manifest.records} (${staged.manifest.versions})`);
  }
  return named;
}
