// What the node can say about its own reachability, from the addresses libp2p holds for
// itself (its self peer record): listen addresses, addresses peers observed, and
// whether AutoNAT has confirmed ("verified") each one by dialling back.
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
  /** Streams of Kith protocols open right now (a leak shows here first). */
  readonly openStreams: number;
}

/** The shape of libp2p's address metadata we read (AddressManager.getAddressesWithMetadata). */
export interface SelfAddress {
  readonly multiaddr: Multiaddr;
  readonly verified: boolean;
}

function isCircuit(address: Multiaddr): boolean {
  return address.getComponents().some((component) => component.name === 'p2p-circuit');
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
    const components = address.getComponents();
    const circuit = components.findIndex((component) => component.name === 'p2p-circuit');
    const relay = circuit > 0 ? components[circuit - 1] : undefined;
    if (relay?.name === 'p2p' && relay.value !== undefined) relays.add(relay.value);
  }
  return [...relays];
}
