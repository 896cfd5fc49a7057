// `kith verify FILE`: is this credential (any did:key-signed VC, ours or not) or bundle
// genuine? Works offline and needs no identity or locker. An encrypted bundle needs its
// passphrase; without one the answer says it is encrypted (and not checked).
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KithError } from '../../base/errors.ts';
import { parseJson } from '../../base/schema.ts';
import { credentialIssuer, verifyCredentialAsync } from '../../credentials/credential.ts';
import { MAX_DOCUMENT_BYTES } from '../../credentials/limits.ts';
import { isEncryptedBundle } from './encrypted-bundle.ts';
import { stageBundle } from './stage-bundle.ts';
import { fileError, regularFileSize } from '../files.ts';

export interface FileVerification {
  valid: boolean;
  kind: 'credential' | 'bundle' | 'unknown';
  signers: string[];
  issuer?: string;
  reason?: string;
  note?: string;
  /** A passphrase-encrypted bundle. */
  encrypted?: boolean;
}

/** Reads the first bytes: a POSIX tar has "ustar" at offset 257. */
async function sniff(path: string): Promise<{ isTar: boolean; size: number }> {
  const size = await regularFileSize(path);
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw fileError(error, path);
  });
  try {
    const head = Buffer.alloc(262);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { isTar: bytesRead === 262 && head.subarray(257, 262).toString('latin1') === 'ustar', size };
  } finally {
    await handle.close();
  }
}

function invalid(kind: FileVerification['kind'], error: unknown): FileVerification {
  if (!(error instanceof KithError)) throw error;
  return { valid: false, kind, signers: [], reason: error.message.replace(/\.$/, '') };
}

export async function verifyFile(path: string, passphrase?: string): Promise<FileVerification> {
  const { isTar, size } = await sniff(path);
  const encrypted = !isTar && (await isEncryptedBundle(path));
  if (encrypted && passphrase === undefined) {
    return { valid: false, kind: 'bundle', signers: [], encrypted, reason: 'the bundle is encrypted, and no passphrase was given to check it' };
  }
  if (isTar || encrypted) {
    const scratch = await mkdtemp(join(tmpdir(), 'kith-verify-'));
    const flag = encrypted ? { encrypted } : {};
    try {
      const staged = await stageBundle(path, scratch, { checkAudit: true, ...(passphrase === undefined ? {} : { passphrase }) });
      return { valid: true, kind: 'bundle', signers: [staged.owner], ...flag };
    } catch (error) {
      return { ...invalid('bundle', error), ...flag };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  if (size > MAX_DOCUMENT_BYTES) {
    return { valid: false, kind: 'unknown', signers: [], reason: `the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB, the limit for a credential` };
  }
  try {
    const handle = await open(path, 'r');
    const text = await handle.readFile('utf8').finally(() => handle.close());
    const credential = parseJson(text, 'The file');
    const proofs = await verifyCredentialAsync(credential); // any suite we know: JCS and RDFC
    const signers = [...new Set(proofs.map((proof) => proof.signer))];
    const issuer = credentialIssuer(credential) ?? '';
    return issuer.startsWith('did:key:')
      ? { valid: true, kind: 'credential', signers, issuer }
      : { valid: true, kind: 'credential', signers, issuer, note: `the issuer ${issuer} is not a did:key, so its link to the signing key was not checked offline` };
  } catch (error) {
    return invalid('credential', error);
  }
}
