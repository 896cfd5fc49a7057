// The Kith node: a started libp2p node behind a small typed facade, so the rest of the
// core speaks PeerId strings, multiaddr strings and zod schemas — never libp2p types.
import type { Libp2p, Stream } from '@libp2p/interface';
import type { LevelDatastore } from 'datastore-level';
import { createLibp2p } from 'libp2p';
import type { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { deferIdentify } from './deferred-identify.ts';
import { libp2pOptions, type KithServices, type SelfAddressBook } from './libp2p-options.ts';
import { toNetError } from './net-errors.ts';
import type { KithNodeOptions } from './node-options.ts';
import { parsePeerId, parsePeerTarget, peerIdOf } from './peer-target.ts';
import { openPeerStore } from './peer-store.ts';
import { DEFAULT_LIMITS, resolveLimits, type ProtocolLimits } from './protocols/limits.ts';
import { assertProtocolId } from './protocols/protocol-id.ts';
import { KeptStreams } from './protocols/kept-streams.ts';
import { exchange } from './protocols/requester.ts';
import { respond, type RequestHandler } from './protocols/responder.ts';
import { PeerRateLimiter } from './protocols/token-bucket.ts';
import { linksOf, reachabilityOf, relaysIn, type NodeStatus } from './status.ts';

export interface HandleOptions<S extends z.ZodType> {
  /** Every request is parsed by this before the handler sees it. */
  readonly schema: S;
  readonly limits?: Partial<ProtocolLimits>;
}

export interface RequestOptions<S extends z.ZodType> {
  /** The answer's result is parsed by this (a mismatch is a Protocol error). */
  readonly responseSchema?: S;
  /** The whole request, dial included. Default 20 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Defaults: this protocol's registered limits if we serve it too, else DEFAULT_LIMITS. */
  readonly maxRequestBytes?: number;
  readonly maxResponseBytes?: number;
  /** Above 1, the stream is kept for the next requests to that peer (ProtocolLimits). */
  readonly requestsPerStream?: number;
}

/** For protocols that stream (protocols/document/) rather than ask and answer once. */
export interface StreamProtocolOptions {
  readonly maxInboundStreams: number;
  readonly maxOutboundStreams: number;
  /** False for bulk transfers: relayed connections carry a few hundred KiB at most. */
  readonly runOnLimitedConnection: boolean;
}

/** The handler of a streaming protocol: owns the stream, and must close or abort it. */
export type StreamHandler = (stream: Stream, remotePeer: string) => Promise<void>;

/** Dial (10 s by default in libp2p) plus one exchange under the protocol's own timeouts. */
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

export class KithNode {
  readonly peerId: string;
  readonly #libp2p: Libp2p<KithServices>;
  readonly #self: SelfAddressBook;
  readonly #datastore: LevelDatastore | undefined;
  readonly #isBlocked: (peer: string) => boolean;
  readonly #protocols = new Map<string, ProtocolLimits>();
  /** Protocols we have asked on, for counting open streams in status(). */
  readonly #asked = new Set<string>();
  /** Streaming protocols we serve or open (counted in status() too). */
  readonly #streaming = new Map<string, StreamProtocolOptions>();
  /** Streams kept open for the next request, for protocols that allow several per stream. */
  readonly #kept = new KeptStreams();

  constructor(libp2p: Libp2p<KithServices>, self: SelfAddressBook, datastore: LevelDatastore | undefined, isBlocked: (peer: string) => boolean) {
    this.#libp2p = libp2p;
    this.#self = self;
    this.#datastore = datastore;
    this.#isBlocked = isBlocked;
    this.peerId = libp2p.peerId.toString();
  }

  /**
   * Calls `listener` with the PeerId of every peer we become connected to (either side
   * dialled): the moment to deliver what waited for it. Returns the unsubscribe function.
   */
  onPeerConnected(listener: (peerId: string) => void): () => void {
    const handler = (event: CustomEvent<{ toString(): string }>) => listener(event.detail.toString());
    this.#libp2p.addEventListener('peer:connect', handler);
    return () => this.#libp2p.removeEventListener('peer:connect', handler);
  }

  /** Our dialable addresses, each ending in /p2p/<PeerId>. */
  multiaddrs(): string[] {
    return this.#libp2p.getMultiaddrs().map(String);
  }

  status(): NodeStatus {
    const addresses = this.#libp2p.getMultiaddrs();
    let openStreams = 0;
    for (const connection of this.#libp2p.getConnections()) {
      openStreams += connection.streams.filter(
        (stream) => this.#protocols.has(stream.protocol) || this.#asked.has(stream.protocol) || this.#streaming.has(stream.protocol),
      ).length;
    }
    return {
      peerId: this.peerId,
      addresses: addresses.map(String),
      reachability: reachabilityOf(this.#self.list()),
      relays: relaysIn(addresses),
      connectedPeers: this.#libp2p.getPeers().map(String),
      links: linksOf(this.#libp2p.getConnections()),
      openStreams,
    };
  }

  /** Serves a request/response protocol `/kith/<name>/<version>` (see protocols/responder.ts). */
  async handle<S extends z.ZodType>(protocol: string, handler: RequestHandler<z.output<S>>, options: HandleOptions<S>): Promise<void> {
    assertProtocolId(protocol);
    const limits = resolveLimits(options.limits);
    const responder = {
      protocol,
      schema: options.schema,
      handler,
      limits,
      limiter: new PeerRateLimiter(limits.rate),
      isBlocked: this.#isBlocked,
    };
    this.#protocols.set(protocol, limits);
    await this.#libp2p.handle(
      protocol,
      (stream: Stream, connection) => respond(responder, stream, connection.remotePeer.toString()),
      {
        maxInboundStreams: limits.maxInboundStreams,
        maxOutboundStreams: limits.maxOutboundStreams,
        runOnLimitedConnection: limits.runOnLimitedConnection,
      },
    );
  }

  /**
   * Serves a streaming protocol `/kith/<name>/<version>`: the handler gets the raw stream
   * and the remote PeerId, and does its own bounded reads and timeouts. A blocked peer's
   * stream is aborted before the handler sees it.
   */
  async handleStream(protocol: string, handler: StreamHandler, options: StreamProtocolOptions): Promise<void> {
    assertProtocolId(protocol);
    this.#streaming.set(protocol, options);
    await this.#libp2p.handle(
      protocol,
      async (stream: Stream, connection) => {
        const remotePeer = connection.remotePeer.toString();
        if (this.#isBlocked(remotePeer)) return stream.abort(new KithError('NotTrusted', 'This peer is blocked.'));
        await handler(stream, remotePeer);
      },
      { maxInboundStreams: options.maxInboundStreams, maxOutboundStreams: options.maxOutboundStreams, runOnLimitedConnection: options.runOnLimitedConnection },
    );
  }

  /**
   * Opens a stream of a streaming protocol to `peer` (dialling if needed), under the
   * limits it was registered with (`handleStream`) or `options`. The caller owns the stream.
   */
  async openStream(peer: string, protocol: string, options: Partial<StreamProtocolOptions> & { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Stream> {
    assertProtocolId(protocol);
    const registered = this.#streaming.get(protocol);
    if (registered === undefined) this.#streaming.set(protocol, { maxInboundStreams: 1, maxOutboundStreams: options.maxOutboundStreams ?? 1, runOnLimitedConnection: false });
    const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    try {
      return await this.#libp2p.dialProtocol(this.#allowedTarget(peer), protocol, {
        signal: withCaller(deadline, options.signal),
        runOnLimitedConnection: options.runOnLimitedConnection ?? registered?.runOnLimitedConnection ?? false,
        maxOutboundStreams: options.maxOutboundStreams ?? registered?.maxOutboundStreams ?? 1,
      });
    } catch (error) {
      throw toNetError(error, deadline, options.signal);
    }
  }

  async unhandle(protocol: string): Promise<void> {
    await this.#libp2p.unhandle(protocol);
    this.#protocols.delete(protocol);
    this.#streaming.delete(protocol);
  }

  /** Connects to `peer` (a PeerId or a multiaddr string) without opening a stream. */
  async dial(peer: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    try {
      const target = this.#allowedTarget(peer);
      await this.#libp2p.dial(target, { signal: withCaller(deadline, options.signal) });
    } catch (error) {
      throw toNetError(error, deadline, options.signal);
    }
  }

  /** One request to `peer` on `protocol`; resolves with the peer's result or throws a KithError. */
  async request<S extends z.ZodType = z.ZodUnknown>(
    peer: string,
    protocol: string,
    message: unknown,
    options: RequestOptions<S> = {},
  ): Promise<z.output<S>> {
    assertProtocolId(protocol);
    const limits = this.#protocols.get(protocol) ?? DEFAULT_LIMITS;
    this.#asked.add(protocol);
    const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    const signal = withCaller(deadline, options.signal);
    const target = this.#allowedTarget(peer);
    const open = (): Promise<Stream> =>
      this.#libp2p.dialProtocol(target, protocol, {
        signal,
        runOnLimitedConnection: limits.runOnLimitedConnection,
        maxOutboundStreams: limits.maxOutboundStreams,
      });
    const exchangeLimits = {
      maxRequestBytes: options.maxRequestBytes ?? limits.maxRequestBytes,
      maxResponseBytes: options.maxResponseBytes ?? limits.maxResponseBytes,
      requestsPerStream: options.requestsPerStream ?? limits.requestsPerStream,
    };
    // Kept streams are found again by the PeerId they lead to.
    const keepFor = exchangeLimits.requestsPerStream > 1 ? peerIdOf(target) : undefined;
    let result: unknown;
    try {
      result =
        keepFor === undefined
          ? await exchange(await open(), message, exchangeLimits, signal)
          : await this.#kept.exchange(keepFor, protocol, open, message, exchangeLimits, signal);
    } catch (error) {
      throw toNetError(error, deadline, options.signal);
    }
    if (options.responseSchema === undefined) return result as z.output<S>;
    const parsed = options.responseSchema.safeParse(result);
    if (!parsed.success) throw new KithError('Protocol', "The peer's answer does not match the protocol schema.");
    return parsed.data;
  }

  /** Closes every connection to `peer` (e.g. right after the owner blocks it). */
  async disconnect(peer: string): Promise<void> {
    await this.#libp2p.hangUp(parsePeerId(peer));
  }

  async stop(): Promise<void> {
    this.#kept.close();
    try {
      await this.#libp2p.stop();
    } finally {
      await this.#datastore?.close();
    }
  }

  #allowedTarget(peer: string): ReturnType<typeof parsePeerTarget> {
    const target = parsePeerTarget(peer);
    const id = peerIdOf(target);
    if (id !== undefined && this.#isBlocked(id)) throw new KithError('NotTrusted', 'This peer is blocked.');
    return target;
  }
}

function withCaller(deadline: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller === undefined ? deadline : AbortSignal.any([deadline, caller]);
}

/** A started Kith node. Stop it with `stop()`. */
export async function createKithNode(options: KithNodeOptions): Promise<KithNode> {
  const datastore = options.peerStoreDir === undefined ? undefined : await openPeerStore(options.peerStoreDir);
  try {
    const { init, self } = libp2pOptions(options, datastore);
    const libp2p = await createLibp2p({ ...init, start: true });
    deferIdentify(libp2p);
    return new KithNode(libp2p, self, datastore, options.isBlocked ?? (() => false));
  } catch (error) {
    await datastore?.close();
    throw error instanceof KithError ? error : new KithError('Internal', 'The network node could not start.', { cause: error });
  }
}
