// Test homes get their identity written in process, with a keystore whose scrypt cost is
// low (N = 2^12 instead of 2^17). Every command that opens the locker unlocks the owner key,
// and at the default cost each unlock spends half a second of CPU and 128 MiB: across the
// suite's hundreds of CLI runs and daemon starts that was minutes. The file is an ordinary
// keystore (its parameters are stored in it and are within the accepted bounds), so the CLI
// and the daemon read and unlock it exactly as they read one `kith init` wrote; `kith init`
// itself, with the default cost, is tested in test/cli/identity.test.ts.
import { mkdir } from 'node:fs/promises';
import { resolvePaths } from '../../src/app/paths.ts';
import { generateSeed } from '../../src/identity/ed25519.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import { writeKeystore } from '../../src/identity/keystore.ts';
import { recoveryPhraseFromSeed, seedFromRecoveryPhrase } from '../../src/identity/recovery.ts';

export const QUICK_SCRYPT = { N: 2 ** 12, r: 8, p: 1 } as const;

export interface QuickIdentity {
  readonly did: string;
  readonly peerId: string;
  readonly recoveryPhrase: string;
}

/** What `kith init` does (a 0700 home and its keystore), at a test's scrypt cost. */
export async function writeQuickIdentity(home: string, passphrase: string): Promise<QuickIdentity> {
  return writeSeed(home, passphrase, generateSeed());
}

/**
 * What `kith restore` does from a recovery phrase, at a test's scrypt cost: the restored
 * home then unlocks as cheaply as the original. `kith restore` itself is tested in
 * test/cli/identity.test.ts and in the bundle round trip of test/cli/bundle.test.ts.
 */
export async function writeQuickRestore(home: string, passphrase: string, recoveryPhrase: string): Promise<QuickIdentity> {
  return writeSeed(home, passphrase, seedFromRecoveryPhrase(recoveryPhrase));
}

async function writeSeed(home: string, passphrase: string, seed: Uint8Array): Promise<QuickIdentity> {
  const owner = OwnerKey.fromSeed(seed);
  await mkdir(home, { recursive: true, mode: 0o700 });
  await writeKeystore(resolvePaths(home).keystore, seed, passphrase, { scrypt: QUICK_SCRYPT });
  return { did: owner.did, peerId: owner.peerIdString, recoveryPhrase: recoveryPhraseFromSeed(seed) };
}
