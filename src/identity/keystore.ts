// The owner's seed, encrypted at rest.
//   KDF:    scrypt (passphrase-key.ts: defaults, bounds). The parameters live in the file
//           so they can change later.
//   Cipher: AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce per write.
//   AAD:    the format, version, DID and KDF parameters, so a file whose DID (or
//           parameters) were swapped fails authentication instead of unlocking.
// The file is JSON with a `version`, parsed from `unknown` by a zod schema.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseJson } from '../base/schema.ts';
import { utf8 } from '../base/bytes.ts';
import { didKeyFromPublicKey, publicKeyFromDidKey } from './did-key.ts';
import { ed25519PublicKeyFromSeed } from './ed25519.ts';
import { peerIdFromEd25519PublicKey } from './peer-id.ts';
import { DEFAULT_SCRYPT, derivePassphraseKey, passphraseBytes, scryptParamsProblem, type ScryptParams } from './passphrase-key.ts';

export { DEFAULT_SCRYPT, type ScryptParams };

export const KEYSTORE_TYPE = 'kith-keystore';
export const KEYSTORE_VERSION = 1;

const base64url = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/u, 'not base64url')
    .refine((text) => {
      const length = Buffer.from(text, 'base64url').length;
      return length >= min && length <= max;
    }, `must decode to ${min === max ? min : `${min}–${max}`} bytes`);

const keystoreSchema = z.strictObject({
  type: z.literal(KEYSTORE_TYPE),
  version: z.literal(KEYSTORE_VERSION),
  did: z.string().max(128).startsWith('did:key:z6Mk'),
  kdf: z
    .strictObject({
      name: z.literal('scrypt'),
      salt: base64url(16, 64),
      N: z.int(),
      r: z.int(),
      p: z.int(),
    })
    .refine((kdf) => scryptParamsProblem(kdf) === undefined, 'scrypt parameters out of bounds'),
  cipher: z.strictObject({
    name: z.literal('aes-256-gcm'),
    nonce: base64url(12, 12),
    ciphertext: base64url(32, 32),
    tag: base64url(16, 16),
  }),
});

/** A parsed keystore file. */
export type KeystoreFile = z.output<typeof keystoreSchema>;

function associatedData(file: Pick<KeystoreFile, 'type' | 'version' | 'did' | 'kdf'>): Uint8Array {
  const { kdf } = file;
  return utf8(JSON.stringify([file.type, file.version, file.did, kdf.name, kdf.salt, kdf.N, kdf.r, kdf.p, 'aes-256-gcm']));
}

/** Encrypts `seed` under `passphrase` (in memory; see writeKeystore for the file). */
export async function createKeystore(
  seed: Uint8Array,
  passphrase: string,
  options: { scrypt?: ScryptParams } = {},
): Promise<KeystoreFile> {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new KithError('InvalidInput', 'The seed must be 32 bytes.');
  const secret = passphraseBytes(passphrase);
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const salt = randomBytes(32);
  const header = {
    type: KEYSTORE_TYPE,
    version: KEYSTORE_VERSION,
    did: didKeyFromPublicKey(ed25519PublicKeyFromSeed(seed)),
    kdf: { name: 'scrypt', salt: salt.toString('base64url'), N: params.N, r: params.r, p: params.p },
  } as const;
  const key = await derivePassphraseKey(secret, salt, params);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(header));
  const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()]);
  key.fill(0);
  const file = {
    ...header,
    cipher: {
      name: 'aes-256-gcm',
      nonce: nonce.toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    },
  } as const;
  return parseKeystore(JSON.stringify(file)); // one shape for written and read files
}

/** Parses keystore JSON text from `unknown` origin. Corrupt if it is not a keystore. */
export function parseKeystore(text: string): KeystoreFile {
  let value: unknown;
  try {
    value = parseJson(text, 'The keystore file');
  } catch (error) {
    throw new KithError('Corrupt', 'The keystore file is not valid JSON.', { cause: error });
  }
  const result = keystoreSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` (${issue.path.map(String).join('.')})`;
    throw new KithError('Corrupt', `The keystore file is malformed${where}.`, {
      hint: 'Restore it from a backup, or restore the identity from its recovery phrase.',
    });
  }
  try {
    publicKeyFromDidKey(result.data.did);
  } catch (error) {
    throw new KithError('Corrupt', 'The keystore file names an invalid did:key.', { cause: error });
  }
  return result.data;
}

/** Reads and parses a keystore file. NotFound if there is none, Corrupt if malformed. */
export async function readKeystore(path: string): Promise<KeystoreFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KithError('NotFound', 'There is no keystore file.', { hint: 'Create an identity, or restore one from its recovery phrase.' });
    }
    throw error;
  }
  return parseKeystore(text);
}

/** Writes atomically: a 0600 temp file in the same folder, fsync, then rename over `path`. */
export async function writeKeystoreFile(path: string, file: KeystoreFile): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  // Make the rename itself durable; not possible on every platform (e.g. Windows).
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}

/** Encrypts `seed` and writes it to `path` (atomic, mode 0600). Returns what was written. */
export async function writeKeystore(
  path: string,
  seed: Uint8Array,
  passphrase: string,
  options: { scrypt?: ScryptParams } = {},
): Promise<KeystoreFile> {
  const file = await createKeystore(seed, passphrase, options);
  await writeKeystoreFile(path, file);
  return file;
}

/** The seed, or WrongPassphrase (also what a file with a swapped DID or parameters gives). */
export async function unlockKeystore(file: KeystoreFile, passphrase: string): Promise<Uint8Array> {
  const secret = passphraseBytes(passphrase);
  const key = await derivePassphraseKey(secret, Buffer.from(file.kdf.salt, 'base64url'), file.kdf);
  let seed: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.nonce, 'base64url'));
    decipher.setAAD(associatedData(file));
    decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64url'));
    seed = Buffer.concat([decipher.update(Buffer.from(file.cipher.ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new KithError('WrongPassphrase', 'The passphrase does not unlock this keystore.', {
      hint: 'Check the passphrase (and keyboard layout); if it is lost, restore from your 24-word recovery phrase.',
    });
  } finally {
    key.fill(0);
  }
  const result = new Uint8Array(seed);
  seed.fill(0);
  if (didKeyFromPublicKey(ed25519PublicKeyFromSeed(result)) !== file.did) {
    throw new KithError('Corrupt', 'The keystore decrypts to a key other than the one it names.');
  }
  return result;
}

/** Who the keystore belongs to; all of it is public. */
export interface PublicIdentity {
  readonly did: string;
  /** The libp2p PeerId of the same key, 12D3KooW…. */
  readonly peerId: string;
  readonly publicKey: Uint8Array;
}

/** The public identity in a keystore, readable without the passphrase. */
export function publicIdentityOf(file: KeystoreFile): PublicIdentity {
  const publicKey = publicKeyFromDidKey(file.did);
  return { did: file.did, peerId: peerIdFromEd25519PublicKey(publicKey).toString(), publicKey };
}

/** Reads the public identity from a keystore file without the passphrase (NotFound if none). */
export async function readPublicIdentity(path: string): Promise<PublicIdentity> {
  return publicIdentityOf(await readKeystore(path));
}
