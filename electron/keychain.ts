// Unlocking with the OS keychain, if the person turns it on in Settings: the passphrase is
// encrypted by Electron's safeStorage (macOS Keychain, Windows DPAPI, the Secret Service
// or KWallet on Linux) and the ciphertext kept in the data folder (keychain-passphrase.bin,
// mode 0600). The key that decrypts it never leaves the OS store, and the passphrase never
// reaches the renderer: the main process decrypts it and unlocks the node itself.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KithError } from '../src/base/errors.ts';
import { writePrivateFile } from './private-file.ts';

/** The parts of Electron's safeStorage this uses (Electron 41's synchronous API). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; 'basic_text' means a hard-coded key, i.e. no protection at all. */
  getSelectedStorageBackend?(): string;
}

export interface KeychainStatus {
  /** The OS offers a real secret store. */
  readonly available: boolean;
  /** A passphrase is stored. */
  readonly enabled: boolean;
}

const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);
const MAX_FILE_BYTES = 64 * 1024;

export function keychainFile(home: string): string {
  return join(home, 'keychain-passphrase.bin');
}

/**
 * Whether safeStorage would really protect the passphrase. On Linux without a secret
 * store Electron falls back to a key hard-coded in Chromium ('basic_text'): storing the
 * passphrase that way would be storing it in the clear, so it is refused.
 */
export function keychainAvailable(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = storage.getSelectedStorageBackend?.() ?? 'unknown';
  return !WEAK_BACKENDS.has(backend);
}

export class Keychain {
  readonly #storage: SafeStorageLike;
  readonly #file: string;
  readonly #platform: NodeJS.Platform;

  constructor(storage: SafeStorageLike, home: string, platform: NodeJS.Platform = process.platform) {
    this.#storage = storage;
    this.#file = keychainFile(home);
    this.#platform = platform;
  }

  async status(): Promise<KeychainStatus> {
    const enabled = await readFile(this.#file).then(
      () => true,
      () => false,
    );
    return { available: keychainAvailable(this.#storage, this.#platform), enabled };
  }

  /** Stores the passphrase; the caller has checked it is the right one. */
  async enable(passphrase: string): Promise<void> {
    if (!keychainAvailable(this.#storage, this.#platform)) {
      throw new KithError('Unsupported', 'This computer has no keychain Kith can use.', {
        hint: 'On Linux, install and unlock a Secret Service (GNOME Keyring) or KWallet, then try again.',
      });
    }
    await writePrivateFile(this.#file, this.#storage.encryptString(passphrase));
  }

  async disable(): Promise<void> {
    await rm(this.#file, { force: true });
  }

  /** The stored passphrase, or undefined when none is stored or it cannot be decrypted. */
  async read(): Promise<string | undefined> {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.#file);
    } catch {
      return undefined;
    }
    if (encrypted.length === 0 || encrypted.length > MAX_FILE_BYTES || !keychainAvailable(this.#storage, this.#platform)) return undefined;
    try {
      return this.#storage.decryptString(encrypted);
    } catch {
      // The OS key changed (a new user profile, a reset keychain): the person types it.
      return undefined;
    }
  }
}
