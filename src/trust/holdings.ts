// What a holder keeps of what others share with it — behind one interface, because a
// person's node keeps it in its LevelDB locker (lockerHoldings, below) and a vendor node in
// its vendor store on PostgreSQL (src/vendor). The share protocol, "shared with me" and the
// document fetcher see only this; the app layer chooses the implementation.
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import type { Agreement } from './agreements.ts';
import { listReceipts, receiptChange, type ReceiptItem } from './receipts.ts';
import { acceptedChanges, forgetGrant, listShared, type AcceptOutcome, type Delivery, type SharedItem } from './shared-with-me.ts';

export interface Sender {
  readonly peerId: string;
  readonly did: string;
}

export interface KeepBatch {
  readonly from: Sender;
  /** Verified deliveries, in order. */
  readonly deliveries: readonly Delivery[];
  /** The consent receipts of the batch's grants, countersigned by us: kept in the same commit as the data. */
  readonly receipts: readonly { readonly grant: string; readonly credential: JsonObject }[];
  readonly time: Date;
}

export interface Holdings {
  /**
   * Keeps what is new in a batch, all of it or nothing, and returns one outcome per
   * delivery — only once it is durably stored (the answer to the sender acknowledges it).
   * Throws (Unreachable when the store is down) rather than acknowledge what it did not keep.
   */
  keep(batch: KeepBatch): Promise<AcceptOutcome[]>;
  /**
   * The owner revoked `grant`: deletes the data received under it and returns the signed
   * deletion receipt `sign` makes for the record ids deleted, committed with the deletion.
   */
  forget(from: Sender, grant: string, sign: (deleted: readonly string[]) => JsonObject): Promise<JsonObject>;
  /** What is shared with us now, and notes of what was revoked (their data gone). */
  list(): Promise<SharedItem[]>;
  /** The receipts we countersigned or signed as a holder (kept per owner). */
  receipts(): Promise<ReceiptItem[]>;
  /**
   * A vendor's agreement, countersigned or ended: the locker keeps agreements already (a
   * no-op there); a vendor store keeps them beside the customers' data for its readers.
   */
  agreement(agreement: Agreement): Promise<void>;
}

/** A person's node: everything in the locker, one synced LevelDB batch per delivery, with its audit entries. */
export function lockerHoldings(locker: Locker, signer: () => Signer): Holdings {
  return {
    async keep(batch) {
      const holder = signer();
      const accepted = await acceptedChanges(locker, batch.from.peerId, batch.deliveries, batch.time);
      const time = batch.time.toISOString();
      const kept = batch.receipts.map(({ grant, credential }) => receiptChange({ kind: 'consent', grant, holder: holder.did, owner: batch.from.did, time, credential }));
      const audit = [...accepted.audit];
      if (kept.length > 0) {
        audit.push({ kind: 'receipt.countersigned', details: { from: batch.from.peerId, receipts: batch.receipts.map((r) => ({ grant: r.grant, receipt: String(r.credential['id'] ?? '') })) } });
      }
      await locker.commit(holder, { items: [...accepted.changes, ...kept], audit });
      return accepted.outcomes;
    },
    async forget(from, grant, sign) {
      return sign(await forgetGrant(locker, signer(), from.peerId, grant));
    },
    list: () => listShared(locker),
    async receipts() {
      // The locker also keeps receipts from the holders of our own grants (no owner): not ours as a holder.
      return (await listReceipts(locker)).filter((receipt) => receipt.owner !== undefined);
    },
    agreement: async () => undefined,
  };
}
