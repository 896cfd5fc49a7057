// Empties the outbox onto the network: whatever is due is sent, each peer's messages in
// order; a peer that connects gets everything waiting for it at once; failures back off
// (trust/outbox.ts). Answers are checked — a countersigned consent receipt for a delivery,
// a signed deletion receipt for a revocation — and kept as the owner's proof. Answers to
// data requests go over the request protocol; the requester acknowledges them.
import { KithError } from '../../base/errors.ts';
import { verifyDocument } from '../../credentials/data-integrity.ts';
import type { Signer } from '../../identity/signer.ts';
import type { KithNode } from '../../net/node.ts';
import { REQUEST_PROTOCOL, receivedSchema } from '../../net/protocols/request/request-protocol.ts';
import { SHARE_PROTOCOL, deliverAnswerSchema, revokeAnswerSchema } from '../../net/protocols/share/share-protocol.ts';
import type { Locker } from '../../store/locker.ts';
import { getContact } from '../../trust/contacts.ts';
import { due, markDelivered, markFailed, wake, type OutboxItem } from '../../trust/outbox.ts';
import { receiptChange } from '../../trust/receipts.ts';
import { readDeletionReceipt } from '../../trust/revocation.ts';

const SWEEP_MS = 2_000;

export interface DelivererDeps {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  readonly onDelivered: () => void;
}

export class Deliverer {
  readonly #deps: DelivererDeps;
  readonly #busy = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: () => void = () => undefined;
  #stopped = false;

  constructor(deps: DelivererDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#unsubscribe = this.#deps.node.onPeerConnected((peer) => void this.#wakeAndSend(peer));
    const sweep = () => {
      void this.flush().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(sweep, SWEEP_MS);
      });
    };
    sweep();
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  async #wakeAndSend(peer: string): Promise<void> {
    if (this.#stopped) return;
    const locker = await this.#deps.locker();
    await wake(locker, this.#deps.signer(), peer).catch(() => 0);
    await this.flush(peer);
  }

  /** Sends what is due (for one peer, or all); one sender per peer at a time. */
  async flush(onlyPeer?: string): Promise<void> {
    if (this.#stopped) return;
    const locker = await this.#deps.locker();
    const items = await due(locker, new Date(), onlyPeer).catch(() => []);
    const byPeer = new Map<string, OutboxItem[]>();
    for (const item of items) byPeer.set(item.peer, [...(byPeer.get(item.peer) ?? []), item]);
    await Promise.all(
      [...byPeer].map(async ([peer, list]) => {
        if (this.#busy.has(peer)) return;
        this.#busy.add(peer);
        try {
          for (const item of list) {
            if (this.#stopped || !(await this.#send(locker, item))) break; // unreachable: the rest waits too
          }
        } finally {
          this.#busy.delete(peer);
        }
      }),
    );
  }

  /** True when delivered; false (and rescheduled) when it failed. */
  async #send(locker: Locker, item: OutboxItem): Promise<boolean> {
    const signer = this.#deps.signer();
    try {
      const holder = await getContact(locker, item.peer);
      if (holder === undefined) throw new KithError('NotFound', 'The holder is no longer a contact.');
      if (item.kind === 'deliver') {
        const answer = await this.#deps.node.request(item.peer, SHARE_PROTOCOL, item.message, { responseSchema: deliverAnswerSchema });
        const signers = verifyDocument(answer.receipt).map((p) => p.signer);
        if (!signers.includes(signer.did) || !signers.includes(holder.did)) throw new KithError('NotTrusted', 'The holder returned a receipt it did not countersign.');
        const grant = item.subject.split(':')[0] ?? '';
        await locker.commit(signer, { items: [receiptChange({ kind: 'consent', grant, holder: item.peer, time: new Date().toISOString(), credential: answer.receipt })], audit: [] });
        await markDelivered(locker, signer, item, { receipt: String(answer.receipt['id'] ?? ''), status: answer.status });
      } else if (item.kind === 'revoke') {
        const answer = await this.#deps.node.request(item.peer, SHARE_PROTOCOL, item.message, { responseSchema: revokeAnswerSchema });
        const grant = item.subject.split(':')[0] ?? '';
        const facts = readDeletionReceipt(answer.receipt, { holder: holder.did, owner: signer.did, grant });
        await locker.commit(signer, { items: [receiptChange({ kind: 'deletion', grant, holder: item.peer, time: facts.deleted, credential: answer.receipt })], audit: [] });
        await markDelivered(locker, signer, item, { grant, deleted: facts.records });
      } else {
        // received: false means the requester never sent this request (an older backup,
        // say): final either way, so it is not retried.
        const answer = await this.#deps.node.request(item.peer, REQUEST_PROTOCOL, item.message, { responseSchema: receivedSchema });
        await markDelivered(locker, signer, item, { request: item.subject.slice('request:'.length), received: answer.received });
      }
      this.#deps.onDelivered();
      return true;
    } catch {
      await markFailed(locker, signer, item).catch(() => undefined);
      return false;
    }
  }
}
