// What the application services share: where the files are, the unlocked owner key (if
// any), and the locker, opened on first use so that commands which need neither (help,
// `init`, `verify FILE`) never take the LevelDB lock.
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rename, rm } from 'node:fs/promises';
import { KithError } from '../base/errors.ts';
import { OwnerKey } from '../identity/identity.ts';
import { readPublicIdentity } from '../identity/keystore.ts';
import { peerIdFromEd25519PublicKey } from '../identity/peer-id.ts';
import { openLocker, type Locker } from '../store/locker.ts';
import { lockerHoldings, type Holdings } from '../trust/holdings.ts';
import type { AppEvent, EventName, EventPayload } from '../api/contract.ts';
import type { KithPaths } from './paths.ts';
import type { VendorStoreHandle } from './vendor-store-choice.ts';

export interface PublicIdentity {
  readonly did: string;
  readonly peerId: string;
  readonly publicKey: Uint8Array;
}

const NOT_INITIALIZED_HINT = 'Create one with `kith init`, or bring yours back with `kith restore`.';

export type EventListener = (event: AppEvent) => void;

function lockedLocker(): KithError {
  return new KithError('KeyLocked', 'Your key is locked, and your locker is encrypted with it.', { hint: 'Unlock it with your passphrase first.' });
}

export class AppContext {
  readonly paths: KithPaths;
  #owner: OwnerKey | undefined;
  #locker: Promise<Locker> | undefined;
  readonly #listeners = new Set<EventListener>();

  /** Tells every connected UI that something changed (see `events` in the contract). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        // E is one name, so this is one member of the union; TypeScript cannot see it.
        listener({ name, payload } as AppEvent);
      } catch {
        // One broken listener (a closed connection) must not stop the others or the caller.
      }
    }
  }

  /** Returns the function that unsubscribes. */
  onEvent(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  readonly #openHoldings: (() => Promise<Holdings>) | undefined;
  /** A vendor node's store (its e-receipts and scheduled deletions); undefined on a person's node. */
  readonly vendor: VendorStoreHandle | undefined;

  /** `holdings`: where what others share with us is kept, if not the locker (a vendor node's store). */
  constructor(paths: KithPaths, options: { holdings?: () => Promise<Holdings>; vendor?: VendorStoreHandle } = {}) {
    this.paths = paths;
    this.#openHoldings = options.holdings;
    this.vendor = options.vendor;
  }

  /** What others share with this node: the locker on a person's node, the vendor store on a vendor's. */
  async holdings(): Promise<Holdings> {
    if (this.#openHoldings !== undefined) return this.#openHoldings();
    return lockerHoldings(await this.locker(), () => this.signer());
  }

  /** The public half of the identity, read without the passphrase; throws NotInitialized. */
  async identity(): Promise<PublicIdentity> {
    if (!(await this.hasIdentity())) throw new KithError('NotInitialized', 'There is no identity here yet.', { hint: NOT_INITIALIZED_HINT });
    const { did, publicKey } = await readPublicIdentity(this.paths.keystore);
    return { did, publicKey, peerId: peerIdFromEd25519PublicKey(publicKey).toString() };
  }

  async hasIdentity(): Promise<boolean> {
    return access(this.paths.keystore).then(
      () => true,
      () => false,
    );
  }

  get owner(): OwnerKey | undefined {
    return this.#owner;
  }

  setOwner(owner: OwnerKey | undefined): void {
    this.#owner = owner;
    this.emit('identity.changed', {});
  }

  /** The unlocked key, for anything that signs. */
  signer(): OwnerKey {
    if (this.#owner === undefined) {
      throw new KithError('KeyLocked', 'Your key is locked.', { hint: 'Unlock it with your passphrase first.' });
    }
    return this.#owner;
  }

  /** The locker, opened with the unlocked key on first use: it is encrypted, so KeyLocked before unlock. */
  locker(): Promise<Locker> {
    if (this.#locker === undefined) {
      if (this.#owner === undefined) return Promise.reject(lockedLocker());
      const owner = this.#owner;
      const opening = openLocker(this.paths.locker, owner);
      // A failed open (locked by another process, say) must not be cached forever.
      opening.catch(() => {
        if (this.#locker === opening) this.#locker = undefined;
      });
      this.#locker = opening;
    }
    return this.#locker;
  }

  /**
   * Fills a new locker in a staging folder beside the current one and, only if `fill`
   * succeeds, swaps it in; on failure the staging folder is removed and the current
   * locker is untouched. This is what makes an import all-or-nothing.
   */
  async replaceLocker<T>(fill: (staging: Locker) => Promise<T>): Promise<T> {
    const identity = await this.identity();
    const staging = await mkdtemp(`${this.paths.locker}.importing-`);
    let result: T;
    try {
      const owner = this.signer();
      if (owner.did !== identity.did) throw new KithError('NotTrusted', 'The unlocked key is not this data folder’s identity.');
      const locker = await openLocker(staging, owner);
      try {
        result = await fill(locker);
      } finally {
        await locker.close();
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    const current = await this.openedLocker();
    this.#locker = undefined;
    await current?.close();
    const retired = `${this.paths.locker}.replaced-${randomBytes(4).toString('hex')}`;
    await rename(this.paths.locker, retired).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, this.paths.locker);
    await rm(retired, { recursive: true, force: true });
    this.emit('records.changed', {});
    this.emit('log.appended', {});
    return result;
  }

  /** Whether the locker has been opened in this process (warnings are only known then). */
  async openedLocker(): Promise<Locker | undefined> {
    return this.#locker === undefined ? undefined : this.#locker.catch(() => undefined);
  }

  async close(): Promise<void> {
    const locker = await this.openedLocker();
    this.#locker = undefined;
    this.#owner = undefined;
    await locker?.close();
  }
}
