// identity.*: create, restore, unlock and show the owner's identity.
import { mkdir } from 'node:fs/promises';
import type { AppApi, IdentityView } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import { OwnerKey } from '../../identity/identity.ts';
import { readKeystore, unlockKeystore, writeKeystore } from '../../identity/keystore.ts';
import { recoveryPhraseFromSeed, seedFromRecoveryPhrase } from '../../identity/recovery.ts';
import { generateSeed } from '../../identity/ed25519.ts';
import { multibaseFromPublicKey } from '../../identity/did-key.ts';
import type { AppContext } from '../context.ts';

type IdentityApi = Pick<
  AppApi,
  'identity.status' | 'identity.init' | 'identity.restore' | 'identity.unlock' | 'identity.lock' | 'identity.whoami'
>;

export function view(owner: { did: string; peerId: string; publicKey: Uint8Array }): IdentityView {
  return { did: owner.did, peerId: owner.peerId, publicKeyMultibase: multibaseFromPublicKey(owner.publicKey) };
}

function ownerView(owner: OwnerKey): IdentityView {
  return view({ did: owner.did, peerId: owner.peerIdString, publicKey: owner.publicKey });
}

export function identityService(ctx: AppContext): IdentityApi {
  // The keystore is not the locker: creating it leaves the audit trail empty, so that a
  // restored identity can take back its old trail verbatim from a bundle (`kith import`).
  async function establish(seed: Uint8Array, passphrase: string) {
    const owner = OwnerKey.fromSeed(seed);
    await mkdir(ctx.paths.home, { recursive: true, mode: 0o700 });
    await writeKeystore(ctx.paths.keystore, seed, passphrase);
    ctx.setOwner(owner);
    return owner;
  }

  return {
    async 'identity.status'() {
      if (!(await ctx.hasIdentity())) return { initialized: false, unlocked: false };
      const identity = await ctx.identity();
      return { initialized: true, unlocked: ctx.owner !== undefined, identity: view(identity) };
    },

    async 'identity.init'({ passphrase }) {
      if (await ctx.hasIdentity()) {
        throw new KithError('AlreadyExists', 'An identity already exists in this data folder.', {
          hint: 'Use it (kith whoami), or choose another folder with --data-dir or KITH_HOME.',
        });
      }
      const seed = generateSeed();
      const recoveryPhrase = recoveryPhraseFromSeed(seed);
      const owner = await establish(seed, passphrase);
      return { ...ownerView(owner), recoveryPhrase };
    },

    async 'identity.restore'({ recoveryPhrase, passphrase }) {
      const seed = seedFromRecoveryPhrase(recoveryPhrase);
      if (await ctx.hasIdentity()) {
        const current = await ctx.identity();
        if (current.did !== OwnerKey.fromSeed(seed).did) {
          throw new KithError('AlreadyExists', 'This data folder holds a different identity.', {
            hint: 'Restore into an empty folder with --data-dir or KITH_HOME.',
          });
        }
        // Same identity: restoring sets a new passphrase (the way back from a forgotten one).
      }
      return ownerView(await establish(seed, passphrase));
    },

    async 'identity.unlock'({ passphrase }) {
      await ctx.identity(); // NotInitialized, with its hint, before anything else
      const owner = OwnerKey.fromSeed(await unlockKeystore(await readKeystore(ctx.paths.keystore), passphrase));
      ctx.setOwner(owner);
      return ownerView(owner);
    },

    async 'identity.lock'() {
      ctx.setOwner(undefined);
      return {};
    },

    async 'identity.whoami'() {
      return view(await ctx.identity());
    },
  };
}
