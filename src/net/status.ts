// What the node can say about its own reachability, from the addresses libp2p holds for
// itself (its self peer record): listen addresses, addresses peers observed, and
// whether AutoNAT has confirmed ("verified") each one by dialling back; and how it is
// connected to each peer: directly, or only through a relay.
import type { Multiaddr } from '@multiformats/multiaddr';
import { isPrivate } from '@libp2p/utils';

export type Reachability = 'public' | 'private' | 'unknown';

export interface NodeStatus {
  readonly peerId: string;
  /** Our dialable addresses, each ending in /p2p/<our PeerId>. */
  readonly addresses: readonly string[];
  readonly reachability: Reachability;
  /** PeerIds of the relays we hold a reservation on (reachable through them). */
  readonly relays: readonly string[];
  readonly connectedPeers: readonly string[];
  /** How we are connected to each connected peer (one entry per peer). */
  readonly links: readonly PeerLink[];
  /** Streams of Kith protocols open right now (a leak shows here first). */
  readonly openStreams: number;
}

/** The shape of libp2p's address metadata we read (AddressManager.getAddressesWithMetadata). */
export interface SelfAddress {
  readonly multiaddr: Multiaddr;
  readonly verified: boolean;
}

/**
 * direct: at least one connection to the peer does not go through a relay (after DCUtR
 * upgrades a relayed connection both may be open for a while: the direct one counts).
 * relay: every connection is relayed (Circuit Relay v2); `relay` is the relay's PeerId.
 */
export type PeerLink =
  | { readonly peerId: string; readonly via: 'direct' }
  | { readonly peerId: string; readonly via: 'relay'; readonly relay?: string };

/** The shape of a libp2p Connection we read (getConnections()). */
export interface ConnectionShape {
  readonly remotePeer: { toString(): string };
  readonly remoteAddr: Multiaddr;
  /** Set on a connection the relay limits (time and bytes); never on a direct one. */
  readonly limits?: object;
}

function isCircuit(address: Multiaddr): boolean {
  return address.getComponents().some((component) => component.name === 'p2p-circuit');
}

/** The relay's PeerId in …/p2p/<relay>/p2p-circuit/…, if the address names it. */
function relayOf(address: Multiaddr): string | undefined {
  const components = address.getComponents();
  const circuit = components.findIndex((component) => component.name === 'p2p-circuit');
  const relay = circuit > 0 ? components[circuit - 1] : undefined;
  return relay?.name === 'p2p' ? relay.value : undefined;
}

/**
 * One PeerLink per connected peer, from the open connections. A relayed connection's
 * remote address is the circuit address, …/p2p/<relay>/p2p-circuit/p2p/<peer>, whichever
 * side dialled; a relay that limits it also sets `limits`.
 */
export function linksOf(connections: Iterable<ConnectionShape>): PeerLink[] {
  const links = new Map<string, PeerLink>();
  for (const connection of connections) {
    const peerId = connection.remotePeer.toString();
    if (links.get(peerId)?.via === 'direct') continue;
    if (!isCircuit(connection.remoteAddr) && connection.limits === undefined) {
      links.set(peerId, { peerId, via: 'direct' });
    } else if (!links.has(peerId)) {
      const relay = relayOf(connection.remoteAddr);
      links.set(peerId, relay === undefined ? { peerId, via: 'relay' } : { peerId, via: 'relay', relay });
    }
  }
  return [...links.values()];
}

/**
 * public: a direct, non-private address that is verified (AutoNAT confirmed a dial-back,
 * or it is bound to a public interface). unknown: a non-private address that is not yet
 * verified (AutoNAT has not decided). private: only private/loopback or relayed addresses.
 */
export function reachabilityOf(addresses: readonly SelfAddress[]): Reachability {
  const direct = addresses.filter((address) => !isCircuit(address.multiaddr) && !isPrivate(address.multiaddr));
  if (direct.some((address) => address.verified)) return 'public';
  return direct.length > 0 ? 'unknown' : 'private';
}

/** The relay PeerIds in our circuit addresses: …/p2p/<relay>/p2p-circuit/p2p/<us>. */
export function relaysIn(addresses: readonly Multiaddr[]): string[] {
  const relays = new Set<string>();
  for (const address of addresses) {
    const relay = relayOf(address);
    if (relay !== undefined) relays.add(relay);
  }
  return [...relays];
}
