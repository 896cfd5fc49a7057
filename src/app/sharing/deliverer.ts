// Empties the outbox onto the network: whatever is due is sent, each peer's messages in
// order, consecutive deliveries batched (batches.ts); a peer that connects gets everything
// waiting for it at once; failures back off (trust/outbox.ts). Answers are checked — a countersigned consent receipt for a delivery,
// a signed deletion receipt for a revocation — and kept as the owner's proof. Answers to
// data requests go over the request protocol; the requester acknowledges them.
import { KithError } from '../../base/errors.ts';
import { verifyDocument } from '../../credentials/data-integrity.ts';
import type { JsonObject } from '../../credentials/types.ts';
import type { Signer } from '../../identity/signer.ts';
import type { KithNode } from '../../net/node.ts';
import { RECEIPT_ASKING, RECEIPT_PROTOCOL, receiptAnswerSchema, type ReceiptAnswer } from '../../net/protocols/receipt/receipt-protocol.ts';
import { REQUEST_PROTOCOL, receivedSchema } from '../../net/protocols/request/request-protocol.ts';
import { RECOVERY_PROTOCOL, dropAnswerSchema, holdAnswerSchema } from '../../net/protocols/recovery/recovery-protocol.ts';
import { confirmationChange } from '../../trust/recovery-setup.ts';
import { readHeldReceipt, readStatement } from '../../trust/recovery-statement.ts';
import {
  SHARE_ASKING,
  SHARE_PROTOCOL,
  deliverAnswerSchema,
  receiptGrant,
  revokeAnswerSchema,
  type DeliverAnswer,
  type DeliverRequest,
} from '../../net/protocols/share/share-protocol.ts';
import type { Locker } from '../../store/locker.ts';
import { getContact } from '../../trust/contacts.ts';
import { due, markDelivered, markFailed, wake, type OutboxItem } from '../../trust/outbox.ts';
import { receiptChange } from '../../trust/receipts.ts';
import { readDeletionReceipt } from '../../trust/revocation.ts';
import { packSends, type Send } from './batches.ts';
import { sendMessageBatch, sendReadReceipt } from '../conversations/outbound.ts';

const SWEEP_MS = 2_000;
/** Delivery batches to one holder in flight at once (a catch-up is dozens of them). */
const PIPELINE_DEPTH = 3;

export interface DelivererDeps {
  readonly node: KithNode;
  readonly locker: () => Promise<Locker>;
  readonly signer: () => Signer;
  readonly onDelivered: () => void;
  /** A vendor's receipt (an e-receipt, a deletion receipt) was answered: the vendor store notes it. */
  readonly onReceiptAnswer?: (item: OutboxItem, answer: ReceiptAnswer) => Promise<void>;
  /** Messages to this peer were answered (delivered or refused): the conversation changed. */
  readonly onConversation?: (peerId: string) => void;
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
      [...byPeer].map(async ([peer, queue]) => {
        if (this.#busy.has(peer)) return;
        this.#busy.add(peer);
        try {
          await this.#sendInOrder(locker, peer, packSends(queue));
        } finally {
          this.#busy.delete(peer);
        }
      }),
    );
  }

  /**
   * Sends one peer's messages in order, stopping at the first failure (the peer is
   * unreachable: the rest waits too). Consecutive delivery batches are pipelined, up to
   * PIPELINE_DEPTH in flight, so the holder checks the next batches while it and we file
   * the one before; anything else (a revocation, an answer) waits until every batch before
   * it has been answered, so it can never overtake them.
   */
  async #sendInOrder(locker: Locker, peer: string, sends: readonly Send[]): Promise<void> {
    const inFlight: Promise<boolean>[] = [];
    // Waits for every batch in flight; true if all were delivered.
    const settle = async (): Promise<boolean> => (await Promise.all(inFlight.splice(0))).every(Boolean);
    for (const send of sends) {
      if (this.#stopped) break;
      if (send.kind !== 'deliver') {
        if (!(await settle()) || !(await this.#send(locker, peer, send))) return;
        continue;
      }
      if (inFlight.length === PIPELINE_DEPTH && !(await inFlight.shift()!)) {
        await settle();
        return;
      }
      inFlight.push(this.#send(locker, peer, send));
    }
    await settle();
  }

  /** True when delivered; false (and rescheduled) when it failed. */
  async #send(locker: Locker, peer: string, send: Send): Promise<boolean> {
    const signer = this.#deps.signer();
    try {
      const holder = await getContact(locker, peer);
      if (holder === undefined) throw new KithError('NotFound', 'The holder is no longer a contact.');
      if (send.kind === 'deliver') {
        const answer = await this.#deps.node.request(peer, SHARE_PROTOCOL, send.message, { responseSchema: deliverAnswerSchema, ...SHARE_ASKING });
        const receipts = checkedReceipts(send.message, answer, { owner: signer.did, holder: holder.did });
        const now = new Date().toISOString();
        const kept = receipts.map((credential) => receiptChange({ kind: 'consent', grant: receiptGrant(credential) ?? '', holder: peer, time: now, credential }));
        const refused = answer.results.flatMap((result, i) => (result.status === 'refused' ? [{ subject: send.items[i]!.subject, code: result.code }] : []));
        // A refused record is final: the holder checked it and will not take it (a newer
        // version replaces it in the queue). The audit entry says which and why.
        await markDelivered(locker, signer, send.items, { receipts: receipts.map((r) => String(r['id'] ?? '')), ...(refused.length === 0 ? {} : { refused }) }, kept);
      } else if (send.kind === 'revoke') {
        const [item] = send.items;
        const answer = await this.#deps.node.request(peer, SHARE_PROTOCOL, send.message, { responseSchema: revokeAnswerSchema, ...SHARE_ASKING });
        const grant = item.subject.split(':')[0] ?? '';
        const facts = readDeletionReceipt(answer.receipt, { holder: holder.did, owner: signer.did, grant });
        const receipt = receiptChange({ kind: 'deletion', grant, holder: peer, time: facts.deleted, credential: answer.receipt });
        await markDelivered(locker, signer, send.items, { grant, deleted: facts.records }, [receipt]);
      } else if (send.kind === 'e-receipt' || send.kind === 'deletion-receipt') {
        // Whatever the customer's node answers is final ('refused' too: it checked and will
        // not take it); only no answer at all is retried.
        const [item] = send.items;
        const answer = await this.#deps.node.request(peer, RECEIPT_PROTOCOL, send.message, { responseSchema: receiptAnswerSchema, ...RECEIPT_ASKING });
        await this.#deps.onReceiptAnswer?.(item, answer);
        await markDelivered(locker, signer, send.items, { status: answer.status, ...(answer.status === 'refused' ? { code: answer.code } : {}) });
      } else if (send.kind === 'message') {
        await sendMessageBatch(this.#deps.node, locker, signer, holder, send.items, send.message);
        this.#deps.onConversation?.(peer);
      } else if (send.kind === 'message-read') {
        await sendReadReceipt(this.#deps.node, locker, signer, holder, send.items[0]);
      } else if (send.kind === 'recovery') {
        await this.#sendRecovery(locker, signer, holder, send.items[0]);
      } else {
        // received: false means the requester never sent this request (an older backup,
        // say): final either way, so it is not retried.
        const [item] = send.items;
        const answer = await this.#deps.node.request(peer, REQUEST_PROTOCOL, send.message, { responseSchema: receivedSchema });
        await markDelivered(locker, signer, send.items, { request: item.subject.slice('request:'.length), received: answer.received });
      }
      this.#deps.onDelivered();
      return true;
    } catch {
      await markFailed(locker, signer, send.items).catch(() => undefined);
      return false;
    }
  }

  /** A recovery share (its signed receipt is kept as the owner's proof) or the drop of an old one. */
  async #sendRecovery(locker: Locker, signer: Signer, holder: { peerId: string; did: string }, item: OutboxItem): Promise<void> {
    const answer = await this.#deps.node.request(holder.peerId, RECOVERY_PROTOCOL, item.message, { responseSchema: item.message['type'] === 'drop' ? dropAnswerSchema : holdAnswerSchema });
    if ('dropped' in answer) {
      await markDelivered(locker, signer, [item], { action: 'drop', setup: String(item.message['setup'] ?? ''), dropped: answer.dropped });
      return;
    }
    const statement = readStatement(item.message['statement']);
    const receipt = readHeldReceipt(answer.receipt, statement, holder.did);
    const kept = confirmationChange({ setup: statement.setup, peerId: holder.peerId, time: new Date().toISOString(), receipt });
    await markDelivered(locker, signer, [item], { action: 'hold', setup: statement.setup }, [kept]);
  }
}

/**
 * The holder's answer to a batch must match it — a result per record, and only receipts we
 * sent, countersigned by the holder (it returns those of grants it accepted a record of) —
 * or none of it counts.
 */
function checkedReceipts(request: DeliverRequest, answer: DeliverAnswer, who: { owner: string; holder: string }): JsonObject[] {
  if (answer.results.length !== request.credentials.length) throw new KithError('Protocol', 'The holder answered a different batch.');
  const sent = new Set(request.receipts.map((receipt) => receipt['id']));
  return answer.receipts.map((receipt) => {
    const signers = verifyDocument(receipt).map((p) => p.signer);
    if (!sent.has(receipt['id']) || !signers.includes(who.owner) || !signers.includes(who.holder)) {
      throw new KithError('NotTrusted', 'The holder returned a receipt it did not countersign.');
    }
    return receipt as JsonObject;
  });
}
