// Reading a bundle (untrusted input): unpack it into a scratch folder while hashing every
// part, then check the signed manifest, every part against it, the audit chain and every
// record credential. Only a bundle that passes all of this is imported; the first
// problem found is reported with the offending item named.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { KithError } from '../../base/errors.ts';
import { parseJson, parseWith } from '../../base/schema.ts';
import { verifyCredential } from '../../credentials/credential.ts';
import { publicKeyFromDidKey } from '../../identity/did-key.ts';
import type { CheckedRecord } from './record-check.ts';
import { checkInParallel } from './verify-pool.ts';
import { checkAuditLines } from './check-audit.ts';
import {
  AUDIT_NAME,
  BUNDLE_LIMITS,
  MANIFEST_CREDENTIAL_TYPE,
  MANIFEST_NAME,
  RECORDS_NAME,
  isBundlePath,
  manifestSubjectSchema,
  type ManifestSubject,
} from './bundle-format.ts';
import { readJsonl, readLines } from './jsonl.ts';

export interface StagedBundle {
  readonly owner: string;
  readonly ownerKey: Uint8Array;
  readonly manifest: ManifestSubject;
  readonly recordsPath: string;
  readonly auditPath: string;
}

/** Where blob parts go: into a locker's blob store on import, or nowhere on `verify`. */
export type BlobSink = (source: Readable) => Promise<{ sha256: string; size: number }>;

interface Part {
  sha256: string;
  size: number;
}

function tampered(item: string, why: string): KithError {
  return new KithError('Corrupt', `The bundle has been altered or damaged: ${item} ${why}.`, {
    hint: 'Use an untouched copy of the bundle.',
  });
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

async function collect(source: Readable, max: number, item: string): Promise<{ text: string; part: Part }> {
  const chunks: Buffer[] = [];
  const meterStream = meter(item, max);
  await pipeline(source, meterStream, async (stream: AsyncIterable<Buffer>) => {
    for await (const chunk of stream) chunks.push(chunk);
  });
  return { text: Buffer.concat(chunks).toString('utf8'), part: meterStream.result() };
}

async function unpack(path: string, scratch: string, sink: BlobSink | undefined) {
  const parts = new Map<string, Part>();
  let manifestText: string | undefined;
  const extract = tar.extract();
  const reading = pipeline(createReadStream(path), extract);
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      if (entry.header.type !== 'file' || !isBundlePath(name)) throw tampered(JSON.stringify(name.slice(0, 80)), 'is not something a Kith bundle holds');
      if (parts.has(name) || (name === MANIFEST_NAME && manifestText !== undefined)) throw tampered(name, 'appears twice');
      if (parts.size >= BUNDLE_LIMITS.files) throw new KithError('InvalidInput', 'The bundle holds too many files.');
      if (name === MANIFEST_NAME) {
        manifestText = (await collect(entry as unknown as Readable, BUNDLE_LIMITS.manifestBytes, name)).text;
      } else if (name === RECORDS_NAME || name === AUDIT_NAME) {
        const m = meter(name, BUNDLE_LIMITS.partBytes);
        await pipeline(entry, m, createWriteStream(join(scratch, name), { flags: 'wx' }));
        parts.set(name, m.result());
      } else {
        const m = meter(name, BUNDLE_LIMITS.partBytes);
        // tar-stream entries are streamx streams: Node's pipe works, the types differ.
        const counted = (entry as unknown as Readable).pipe(m);
        const stored = sink === undefined ? await drain(counted, m) : await sink(counted);
        if (stored.sha256 !== name.slice('blobs/'.length)) throw tampered(name, 'does not match its hash');
        parts.set(name, m.result());
      }
    }
    await reading;
  } catch (error) {
    reading.catch(() => undefined);
    if (error instanceof KithError) throw error;
    throw new KithError('InvalidInput', 'The file is not a Kith bundle (it is not a readable tar archive).', { cause: error });
  }
  return { parts, manifestText };
}

async function drain(stream: Readable, m: { result(): Part }): Promise<Part> {
  for await (const _chunk of stream) {
    // hashing happens in the meter
  }
  return m.result();
}

function checkManifest(manifestText: string | undefined) {
  if (manifestText === undefined) throw tampered(MANIFEST_NAME, 'is missing');
  const credential = parseJson(manifestText, 'The bundle manifest');
  let signers;
  try {
    signers = verifyCredential(credential);
  } catch (error) {
    if (error instanceof KithError) throw tampered(MANIFEST_NAME, `is not validly signed (${error.message})`);
    throw error;
  }
  const subject = parseWith(
    manifestSubjectSchema,
    (credential as { credentialSubject?: unknown }).credentialSubject,
    'The bundle manifest',
  );
  const types = (credential as { type?: unknown }).type;
  if (!Array.isArray(types) || !types.includes(MANIFEST_CREDENTIAL_TYPE)) throw tampered(MANIFEST_NAME, 'is not a Kith bundle manifest');
  if (signers.length !== 1 || signers[0]?.signer !== subject.id || (credential as { issuer?: unknown }).issuer !== subject.id) {
    throw tampered(MANIFEST_NAME, 'is not signed by the owner it names');
  }
  return subject;
}

export async function stageBundle(path: string, scratch: string, sink?: BlobSink): Promise<StagedBundle> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new KithError('NotFound', `There is no file at ${path}.`);
  if (!info.isFile()) throw new KithError('InvalidInput', `${path} is not a regular file.`);

  const { parts, manifestText } = await unpack(path, scratch, sink);
  const manifest = checkManifest(manifestText);
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const file of manifest.files) {
    const part = parts.get(file.path);
    if (part === undefined) throw tampered(file.path, 'is listed in the manifest but missing');
    if (part.sha256 !== file.sha256 || part.size !== file.size) throw tampered(file.path, 'does not match the manifest');
  }
  for (const name of parts.keys()) if (!listed.has(name)) throw tampered(name, 'is not listed in the manifest');
  for (const required of [RECORDS_NAME, AUDIT_NAME]) if (!parts.has(required)) throw tampered(required, 'is missing');

  const staged: StagedBundle = {
    owner: manifest.id,
    ownerKey: publicKeyFromDidKey(manifest.id),
    manifest,
    recordsPath: join(scratch, RECORDS_NAME),
    auditPath: join(scratch, AUDIT_NAME),
  };
  const auditEntries = await checkAuditLines(readJsonl(staged.auditPath, AUDIT_NAME, BUNDLE_LIMITS.lineBytes), {
    did: staged.owner,
    publicKey: staged.ownerKey,
  });
  if (auditEntries !== manifest.auditEntries) throw tampered(AUDIT_NAME, `holds ${auditEntries} entries where the manifest says ${manifest.auditEntries}`);
  await checkRecords(staged, new Set([...parts.keys()].filter((name) => name.startsWith('blobs/')).map((name) => name.slice(6))));
  return staged;
}

/** Every line a record credential by the owner, versions 1..n in order, documents present. */
async function checkRecords(staged: StagedBundle, blobs: ReadonlySet<string>): Promise<void> {
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
      const expected = previous !== undefined && previous.id === facts.id ? previous.version + 1 : 1;
      if (facts.version !== expected) throw tampered(item, `is version ${facts.version} of record ${facts.id} where ${expected} was expected`);
      if (previous !== undefined && facts.id < previous.id) throw tampered(item, 'is out of order');
      if (facts.type === 'document' && !facts.deleted && (facts.sha256 === undefined || !blobs.has(facts.sha256))) {
        throw tampered(item, "names a document file the bundle doesn't hold");
      }
      if (facts.version === 1) records++;
      versions++;
      previous = facts;
    }
  }
  if (versions !== staged.manifest.versions || records !== staged.manifest.records) {
    throw tampered(RECORDS_NAME, `holds ${records} records (${versions} versions) where the manifest says ${staged.manifest.records} (${staged.manifest.versions})`);
  }
}
