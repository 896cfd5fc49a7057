// /kith/document/1.0.0 on a Kith node (wire format: document-wire.ts). The owner serves
// the files of documents it shares (document-server.ts); a holder fetches them
// (document-client.ts). Transfers run only on direct connections: relayed ones carry a few
// hundred KiB at most (limits.ts, runOnLimitedConnection).
import type { KithNode } from '../../node.ts';
import { PeerRateLimiter } from '../token-bucket.ts';
import { receiveDocument, type DocumentSink, type DocumentTarget } from './document-client.ts';
import { serveDocument, Transfers, type DocumentServer, type DocumentSource } from './document-server.ts';
import { DOCUMENT_PROTOCOL, resolveDocumentLimits, type DocumentLimits, type DocumentRequest } from './document-wire.ts';
import { KithError } from '../../../base/errors.ts';

export interface DocumentComponents {
  readonly node: KithNode;
  /** The owner's core: who may fetch what, and the bytes. */
  readonly source: DocumentSource;
  readonly limits?: Partial<DocumentLimits>;
  readonly onServed?: (peer: string, request: DocumentRequest, size: number) => void;
}

export interface FetchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (received: number) => void;
  /** Time to reach the peer and open the stream. Default 20 s. */
  readonly dialTimeoutMs?: number;
}

export class DocumentProtocol {
  readonly limits: DocumentLimits;
  readonly #components: DocumentComponents;
  readonly #server: DocumentServer;
  #started = false;

  constructor(components: DocumentComponents) {
    this.#components = components;
    this.limits = resolveDocumentLimits(components.limits);
    this.#server = {
      source: components.source,
      limits: this.limits,
      limiter: new PeerRateLimiter(this.limits.rate),
      transfers: new Transfers(),
      ...(components.onServed === undefined ? {} : { onServed: components.onServed }),
    };
  }

  async start(): Promise<void> {
    await this.#components.node.handleStream(DOCUMENT_PROTOCOL, (stream, peer) => serveDocument(this.#server, stream, peer), {
      maxInboundStreams: this.limits.maxInboundStreams,
      maxOutboundStreams: this.limits.maxOutboundStreams,
      runOnLimitedConnection: false,
    });
    this.#started = true;
  }

  async stop(): Promise<void> {
    for (const transfer of this.#server.transfers.list()) transfer.controller.abort(new KithError('Aborted', 'The node is stopping.'));
    if (this.#started) await this.#components.node.unhandle(DOCUMENT_PROTOCOL);
    this.#started = false;
  }

  /**
   * Asks the source again about every transfer in progress (after a grant was revoked, a
   * record deleted, a contact blocked) and cuts off those it no longer allows.
   */
  async recheck(): Promise<number> {
    let cut = 0;
    for (const transfer of this.#server.transfers.list()) {
      const { request } = transfer;
      if (request === undefined || transfer.controller.signal.aborted) continue;
      try {
        await this.#server.source.authorize(request, transfer.peer);
      } catch (error) {
        transfer.controller.abort(error);
        cut++;
      }
    }
    return cut;
  }

  /** Fetches `target` from `peer` into `sink` (which must keep nothing but the promised file). */
  async fetch<T>(peer: string, target: DocumentTarget, sink: DocumentSink<T>, options: FetchOptions = {}): Promise<T> {
    const stream = await this.#components.node.openStream(peer, DOCUMENT_PROTOCOL, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.dialTimeoutMs === undefined ? {} : { timeoutMs: options.dialTimeoutMs }),
      maxOutboundStreams: this.limits.maxOutboundStreams,
      runOnLimitedConnection: false,
    });
    return receiveDocument(stream, target, sink, {
      limits: this.limits,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  }
}
