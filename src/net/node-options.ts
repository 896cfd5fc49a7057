// What the core may configure about a Kith node (product.md item 13). Nothing here is a
// libp2p type, and no address is built in: bootstrap peers are the owner's contacts and
// whatever nodes the owner configures — never a hard-coded company server.
import type { OwnerKey } from '../identity/identity.ts';

export interface KithNodeOptions {
  /** The owner key: its Ed25519 key is the node's PeerId, the same key as the did:key. */
  readonly owner: Pick<OwnerKey, 'libp2pPrivateKey'>;
  /** Listen multiaddrs; default TCP and WebSockets on every interface, ports chosen by the OS. */
  readonly listen?: readonly string[];
  /** Addresses to announce instead of the observed ones (e.g. a vendor's public DNS name). */
  readonly announce?: readonly string[];
  /**
   * Also listen through circuit relays (a `/p2p-circuit` listen address: the relay
   * transport reserves a slot on a relay it finds, so a node behind NAT stays
   * reachable). Default true.
   */
  readonly useRelays?: boolean;
  /** Folder for the persistent peer store (LevelDB); in memory when omitted. */
  readonly peerStoreDir?: string;
  /** Bootstrap peers: multiaddrs ending in /p2p/<PeerId>. Default none. */
  readonly bootstrap?: readonly string[];
  /** mDNS discovery on the local network. Default true; tests turn it off. */
  readonly mdns?: boolean;
  /**
   * DHT mode. true: server (vendors, always-on nodes); false: client only; omitted:
   * client until the node finds itself publicly dialable, then server (kad-dht's
   * automatic mode switch).
   */
  readonly dhtServer?: boolean;
  /**
   * Keep private and loopback addresses in DHT records. Default false: on a wide-area
   * DHT they are useless to others and tell them about the owner's LAN. Tests and
   * LAN-only setups turn it on.
   */
  readonly dhtPrivateAddresses?: boolean;
  /** Serve as a circuit relay v2 for others (vendor nodes, opt-in for friends). */
  readonly relayServer?: boolean;
  /** The owner's block list: blocked peers can neither be dialled nor connect. */
  readonly isBlocked?: (peerId: string) => boolean;
  /**
   * New inbound connections per second accepted from one IP address. libp2p's default
   * (5) stays unless this is set; multi-node tests on one host must raise it.
   */
  readonly inboundConnectionThreshold?: number;
  /** Time an inbound connection gets to finish Noise and Yamux. Default libp2p's 10 s. */
  readonly inboundUpgradeTimeoutMs?: number;
  /** Time a dial gets, all addresses included. Default libp2p's 10 s. */
  readonly dialTimeoutMs?: number;
}

/** The brief's defaults: TCP and WebSockets on all interfaces, OS-chosen ports. */
export const DEFAULT_LISTEN: readonly string[] = Object.freeze(['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws']);

/**
 * Kith's own DHT protocol id: a Kith-only Kademlia network, so Kith nodes find each other
 * by PeerId without joining (or carrying the traffic of) the public IPFS DHT.
 */
export const KITH_DHT_PROTOCOL = '/kith/kad/1.0.0';

/** mDNS service name, so Kith nodes on a LAN discover Kith nodes only. */
export const KITH_MDNS_SERVICE = '_kith._udp.local';
