// The libp2p wiring of a Kith node (product.md item 13): TCP and WebSockets, Noise,
// Yamux, identify, ping, mDNS, the Kademlia DHT, circuit relay v2 (client always, server
// on request), DCUtR hole punching and AutoNAT, with a persistent peer store.
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { autoNAT } from '@libp2p/autonat';
import { bootstrap } from '@libp2p/bootstrap';
import { circuitRelayServer, circuitRelayTransport, type CircuitRelayService } from '@libp2p/circuit-relay-v2';
import { dcutr } from '@libp2p/dcutr';
import { identify, identifyPush, type Identify, type IdentifyPush } from '@libp2p/identify';
import { kadDHT, passthroughMapper, removePrivateAddressesMapper, type KadDHT } from '@libp2p/kad-dht';
import { mdns } from '@libp2p/mdns';
import { ping, type Ping } from '@libp2p/ping';
import { tcp } from '@libp2p/tcp';
import { webSockets } from '@libp2p/websockets';
import type { LevelDatastore } from 'datastore-level';
import type { Libp2pOptions } from 'libp2p';
import { blockListGater } from './gater.ts';
import { DEFAULT_LISTEN, KITH_DHT_PROTOCOL, KITH_MDNS_SERVICE, type KithNodeOptions } from './node-options.ts';
import type { SelfAddress } from './status.ts';

/** Reads libp2p's own address book (AddressManager) — the only internal the facade needs. */
/**
 * What one relayed connection may carry when we relay for others. libp2p's defaults (2
 * minutes, 128 KiB) are below one batch of shared records (256 KiB); a vendor relaying for
 * its customers, or a friend for a friend, can afford a few MiB per connection. When the
 * limit is reached the connection closes and the next message opens a new one (or DCUtR
 * has upgraded it to a direct connection by then).
 */
const RELAYED_CONNECTION_LIMITS = { defaultDataLimit: BigInt(8 * 1024 * 1024), defaultDurationLimit: 10 * 60_000 };

export interface SelfAddressBook {
  list(): SelfAddress[];
}

/** The services every Kith node runs (kad-dht needs identify and ping beside it). */
export interface KithServices extends Record<string, unknown> {
  identify: Identify;
  identifyPush: IdentifyPush;
  ping: Ping;
  dht: KadDHT;
  autoNAT: unknown;
  dcutr: unknown;
  selfAddresses: SelfAddressBook;
  relay?: CircuitRelayService;
}

export function libp2pOptions(options: KithNodeOptions, datastore: LevelDatastore | undefined): { init: Libp2pOptions<KithServices>; self: SelfAddressBook } {
  let addressManager: { getAddressesWithMetadata(): SelfAddress[] } | undefined;
  const self: SelfAddressBook = { list: () => addressManager?.getAddressesWithMetadata() ?? [] };
  const listen = [...(options.listen ?? DEFAULT_LISTEN), ...(options.useRelays === false ? [] : ['/p2p-circuit'])];
  const peerDiscovery: NonNullable<Libp2pOptions['peerDiscovery']> = [];
  if (options.mdns !== false) peerDiscovery.push(mdns({ serviceTag: KITH_MDNS_SERVICE }));
  if (options.bootstrap !== undefined && options.bootstrap.length > 0) peerDiscovery.push(bootstrap({ list: [...options.bootstrap] }));

  const services: Libp2pOptions<KithServices>['services'] = {
    // Run by deferred-identify.ts a moment after a connection opens, not at once.
    identify: identify({ runOnConnectionOpen: false }),
    identifyPush: identifyPush(),
    ping: ping(),
    dht: kadDHT({
      protocol: KITH_DHT_PROTOCOL,
      // undefined = kad-dht's automatic switch to server mode once publicly dialable.
      clientMode: options.dhtServer === undefined ? undefined : !options.dhtServer,
      peerInfoMapper: options.dhtPrivateAddresses === true ? passthroughMapper : removePrivateAddressesMapper,
    }),
    autoNAT: autoNAT(),
    dcutr: dcutr(),
    // Not a protocol: hands the facade libp2p's address book (for reachability) without
    // reaching into private fields.
    selfAddresses: (components: { addressManager: { getAddressesWithMetadata(): SelfAddress[] } }) => {
      addressManager = components.addressManager;
      return self;
    },
    ...(options.relayServer === true ? { relay: circuitRelayServer({ reservations: RELAYED_CONNECTION_LIMITS }) } : {}),
  };

  const init: Libp2pOptions<KithServices> = {
    privateKey: options.owner.libp2pPrivateKey(),
    addresses: { listen, ...(options.announce === undefined ? {} : { announce: [...options.announce] }) },
    transports: [tcp(), webSockets(), circuitRelayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery,
    services,
    connectionManager: {
      ...(options.inboundConnectionThreshold === undefined ? {} : { inboundConnectionThreshold: options.inboundConnectionThreshold }),
      ...(options.inboundUpgradeTimeoutMs === undefined ? {} : { inboundUpgradeTimeout: options.inboundUpgradeTimeoutMs }),
      ...(options.dialTimeoutMs === undefined ? {} : { dialTimeout: options.dialTimeoutMs }),
    },
    ...(options.isBlocked === undefined ? {} : { connectionGater: blockListGater(options.isBlocked) }),
    ...(datastore === undefined ? {} : { datastore }),
  };
  return { init, self };
}
