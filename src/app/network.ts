// The node's life on the network, for a running daemon: the libp2p node with the owner's
// key, the Kith protocols registered on it, the block list kept in memory for the gater
// (which must answer synchronously), and the owner's contacts as first bootstrap peers.
import { join } from 'node:path';
import { getContact, listBlocked, listContacts, type Contact } from '../trust/contacts.ts';
import { startShareProtocol } from '../net/protocols/share/share-protocol.ts';
import { startRequestProtocol } from '../net/protocols/request/request-protocol.ts';
import { startReceiptProtocol, type ReceiptAnswer } from '../net/protocols/receipt/receipt-protocol.ts';
import type { OutboxItem } from '../trust/outbox.ts';
import { receiveDeletionReceipt, receivePurchase } from './receipts/receipt-inbox.ts';
import { startRecoveryHolding } from '../net/protocols/recovery/recovery-protocol.ts';
import { DocumentProtocol } from '../net/protocols/document/document-protocol.ts';
import { releasedDocument } from '../trust/document-access.ts';
import { SharedCredentialChecker } from '../trust/shared-credential-checker.ts';
import { Deliverer } from './sharing/deliverer.ts';
import { DocumentFetcher } from './sharing/document-fetcher.ts';
import { startAgreements } from './sharing/agreements-online.ts';
import { startNames } from './names-online.ts';
import { conversationChanged, startConversations } from './conversations/inbound.ts';
import { KithNode, createKithNode } from '../net/node.ts';
import type { Card } from '../net/protocols/invite/invite-protocol.ts';
import { acceptInvite, startInviteProtocol, type InviteComponents } from '../net/protocols/invite/invite-protocol.ts';
import { chosenName, getVendorProfile } from '../trust/vendor-profile.ts';
import type { AppContext } from './context.ts';

export interface NetworkOptions {
  readonly listen?: readonly string[];
  readonly bootstrap?: readonly string[];
  /** A vendor node: DHT server, relay for its customers, invites say "vendor". */
  readonly vendor?: boolean;
  /** Serve as a circuit relay for others (on for vendors; opt-in for people). */
  readonly relayServer?: boolean;
  readonly mdns?: boolean;
  /** Only for tests that run many nodes on one host (libp2p's per-IP limit). */
  readonly inboundConnectionThreshold?: number;
}

export class Network {
  readonly node: KithNode;
  readonly vendor: boolean;
  readonly #ctx: AppContext;
  readonly #blocked: Set<string>;
  #unsubscribe: () => void = () => undefined;
  #deliverer: Deliverer | undefined;
  #documents: DocumentProtocol | undefined;
  #fetcher: DocumentFetcher | undefined;
  #stopAgreements: () => void = () => undefined;
  #stopNames: () => void = () => undefined;
  /** The share protocol's worker threads for large batches: started on first use, closed in stop(). */
  readonly #checker = new SharedCredentialChecker();

  private constructor(ctx: AppContext, node: KithNode, blocked: Set<string>, vendor: boolean) {
    this.#ctx = ctx;
    this.node = node;
    this.#blocked = blocked;
    this.vendor = vendor;
  }

  static async start(ctx: AppContext, options: NetworkOptions): Promise<Network> {
    const owner = ctx.signer();
    const locker = await ctx.locker();
    const blocked = new Set((await listBlocked(locker)).map((b) => b.peerId));
    const contactAddrs = (await listContacts(locker)).flatMap((c) => c.addrs.filter((a) => !a.includes('/p2p-circuit')).map((a) => `${a}/p2p/${c.peerId}`));
    const node = await createKithNode({
      owner,
      ...(options.listen === undefined || options.listen.length === 0 ? {} : { listen: options.listen }),
      bootstrap: [...(options.bootstrap ?? []), ...contactAddrs],
      peerStoreDir: join(ctx.paths.home, 'peerstore'),
      mdns: options.mdns ?? true,
      relayServer: options.relayServer ?? options.vendor === true,
      ...(options.vendor === true ? { dhtServer: true } : {}),
      isBlocked: (peer) => blocked.has(peer),
      ...(options.inboundConnectionThreshold === undefined ? {} : { inboundConnectionThreshold: options.inboundConnectionThreshold }),
    });
    const network = new Network(ctx, node, blocked, options.vendor === true);
    await startInviteProtocol(network.#components());
    await startShareProtocol({
      node,
      holdings: () => ctx.holdings(),
      signer: () => ctx.signer(),
      contact: async (peerId) => (blocked.has(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
      onChange: () => ctx.emit('shared.changed', {}),
      checker: network.#checker,
    });
    network.#stopAgreements = await startAgreements(ctx, node, { vendor: options.vendor === true, isBlocked: (peer) => blocked.has(peer) });
    network.#stopNames = await startNames(ctx, node, {
      isBlocked: (peer) => blocked.has(peer),
      // Told only to a contact the owner chose to tell it (kept per contact; unknown: no).
      nameFor: async (contact) => (await network.card({ shareName: contact.shareName === true })).name,
    });
    await startRequestProtocol({
      node,
      locker: () => ctx.locker(),
      signer: () => ctx.signer(),
      contact: async (peerId) => (blocked.has(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
      onAsk: ({ from, purpose }) => {
        ctx.emit('inbox.changed', {});
        // For the desktop app's notification (electron/notifications.ts).
        ctx.emit('request.received', { from: from.petname, summary: purpose });
        ctx.emit('log.appended', {});
      },
      onAnswer: () => {
        ctx.emit('requests.changed', {});
        ctx.emit('log.appended', {});
      },
    });
    await startReceiptProtocol({
      node,
      contact: async (peerId) => (blocked.has(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
      purchase: async (sender, credential) => {
        const answer = await receivePurchase(await ctx.locker(), ctx.signer(), sender, credential);
        if (answer.status === 'stored') ctx.emit('records.changed', {});
        ctx.emit('log.appended', {});
        return answer;
      },
      deletion: async (sender, receipt) => {
        const answer = await receiveDeletionReceipt(await ctx.locker(), ctx.signer(), sender, receipt);
        ctx.emit('grants.changed', {});
        ctx.emit('log.appended', {});
        return answer;
      },
    });
    await startConversations(ctx, node, (peer) => blocked.has(peer));
    await startRecoveryHolding({
      node,
      locker: () => ctx.locker(),
      key: () => ctx.signer(),
      contact: async (peerId) => (blocked.has(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
      onChange: () => {
        ctx.emit('recovery.changed', {});
        ctx.emit('log.appended', {});
      },
      sharedBy: async (peerId) => (await (await ctx.holdings()).list()).filter((item) => item.from === peerId && item.revoked === undefined).map((item) => item.credential),
    });
    network.#deliverer = new Deliverer({
      node,
      locker: () => ctx.locker(),
      signer: () => ctx.signer(),
      onDelivered: () => {
        ctx.emit('grants.changed', {});
        ctx.emit('recovery.changed', {});
      },
      ...(ctx.vendor === undefined ? {} : { onReceiptAnswer: (item, answer) => network.#noteReceiptAnswer(item, answer) }),
      onConversation: (peerId) => void conversationChanged(ctx, peerId),
    });
    network.#deliverer.start();
    await network.#startDocuments();
    network.#unsubscribe = ctx.onEvent((event) => {
      if (event.name === 'contacts.changed') void network.#syncBlocked().catch(() => undefined);
      // Something new may wait in the outbox: send it now rather than at the next sweep.
      if (event.name === 'grants.changed' || event.name === 'records.changed' || event.name === 'inbox.changed' || event.name === 'recovery.changed' || event.name === 'conversations.changed') void network.#deliverer?.flush();
      // A revocation, deletion or block ends the files being sent under it, mid-transfer too.
      if (event.name === 'grants.changed' || event.name === 'records.changed' || event.name === 'contacts.changed') void network.#documents?.recheck();
      if (event.name === 'shared.changed') network.fetcher?.changed();
    });
    return network;
  }

  /** A vendor node notes in its store what a customer's node answered to a receipt. */
  async #noteReceiptAnswer(item: OutboxItem, answer: ReceiptAnswer): Promise<void> {
    const store = await this.#ctx.vendor?.store();
    if (store === undefined) return;
    if (item.kind === 'e-receipt') {
      const status = answer.status === 'kept' ? 'stored' : answer.status;
      await store.answerSentReceipt(item.subject.slice('e-receipt:'.length), answer.status === 'refused' ? { status: 'refused', code: answer.code } : { status });
    } else if (item.kind === 'deletion-receipt' && answer.status === 'kept') {
      const owner = ((item.message['receipt'] as { credentialSubject?: { owner?: unknown } } | undefined)?.credentialSubject?.owner);
      if (typeof owner === 'string') await store.deletionReceiptDelivered(owner, item.subject.slice('deletion:'.length));
    }
  }

  /** Brings the files of documents shared with us. */
  get fetcher(): DocumentFetcher | undefined {
    return this.#fetcher;
  }

  /** /kith/document/1.0.0: serving the files of documents we share, fetching those shared with us. */
  async #startDocuments(): Promise<void> {
    const ctx = this.#ctx;
    const documents = new DocumentProtocol({
      node: this.node,
      source: {
        authorize: async (request, peer) => {
          const locker = await ctx.locker();
          return releasedDocument(locker, this.#blocked.has(peer) ? undefined : await getContact(locker, peer), request);
        },
        // Not re-hashed here: the holder checks every byte against the signed record's hash.
        open: async function* (sha256, chunkBytes) {
          yield* (await ctx.locker()).blobs.readUnverified(sha256, { chunkBytes });
        },
      },
      onServed: (peer, request, size) => {
        void (async () => {
          await (await ctx.locker()).commit(ctx.signer(), {
            items: [],
            audit: [{ kind: 'share.file.sent', details: { to: peer, grant: request.grant, record: request.record, sha256: request.sha256, size } }],
          });
          ctx.emit('log.appended', {});
        })().catch(() => undefined);
      },
    });
    await documents.start();
    this.#documents = documents;
    this.#fetcher = new DocumentFetcher({ node: this.node, documents, locker: () => ctx.locker(), shared: async () => (await ctx.holdings()).list(), signer: () => ctx.signer(), onChange: () => ctx.emit('shared.changed', {}) });
    this.#fetcher.start();
  }

  /**
   * What this node tells a new contact about itself. Its name: a vendor's profile name (its
   * public face; its name record until it has one), a person's own name record only if they
   * chose to share it with this contact.
   */
  async card(options: { shareName?: boolean } = {}): Promise<Card> {
    const locker = await this.#ctx.locker();
    let full: unknown = this.vendor ? chosenName(await getVendorProfile(locker)) : undefined;
    // A vendor without a profile name yet, like a person, goes by its name record.
    if (full === undefined && (this.vendor || options.shareName !== false)) {
      const records = await locker.records.list('name');
      full = (records[0]?.credential['credentialSubject'] as { record?: { data?: { full?: unknown } } } | undefined)?.record?.data?.full;
    }
    const name = typeof full === 'string' ? full.trim().slice(0, 64) : '';
    return {
      did: this.#ctx.signer().did,
      kind: this.vendor ? 'vendor' : 'person',
      ...(name.length > 0 ? { name } : {}),
      addrs: this.node.multiaddrs().map((a) => a.replace(/\/p2p\/[^/]+$/, '')).slice(0, 12),
    };
  }

  #components(): InviteComponents {
    return {
      node: this.node,
      locker: () => this.#ctx.locker(),
      signer: () => this.#ctx.signer(),
      card: (options) => this.card(options),
      onContact: (_contact: Contact) => this.#ctx.emit('contacts.changed', {}),
    };
  }

  acceptInvite(code: string, options: { shareName?: boolean } = {}): Promise<Contact> {
    return acceptInvite(this.#components(), code, options);
  }

  /** Keeps the gater's view in step with the owner's block list, and drops a newly blocked peer at once. */
  async #syncBlocked(): Promise<void> {
    const now = new Set((await listBlocked(await this.#ctx.locker())).map((b) => b.peerId));
    for (const peer of now) {
      if (this.#blocked.has(peer)) continue;
      this.#blocked.add(peer);
      await this.node.disconnect(peer).catch(() => undefined);
    }
    for (const peer of [...this.#blocked]) if (!now.has(peer)) this.#blocked.delete(peer);
  }

  async stop(): Promise<void> {
    this.#unsubscribe();
    this.#stopAgreements();
    this.#stopNames();
    this.#deliverer?.stop();
    this.#fetcher?.stop();
    await this.#documents?.stop();
    try {
      await this.node.stop();
    } finally {
      // After the node: no batch can come in once the workers are gone.
      await this.#checker.close();
    }
  }
}
