// The owner's block list as a libp2p connection gater: a blocked peer is refused on
// every path — our dials, its inbound connection once Noise names it, relayed
// connections either way, and relay reservations if we serve as a relay.
import type { ConnectionGater, PeerId } from '@libp2p/interface';

export function blockListGater(isBlocked: (peerId: string) => boolean): ConnectionGater {
  const blocked = (peer: PeerId): boolean => isBlocked(peer.toString());
  return {
    denyDialPeer: blocked,
    denyInboundEncryptedConnection: blocked,
    denyOutboundEncryptedConnection: blocked,
    denyInboundRelayReservation: blocked,
    denyInboundRelayedConnection: (_relay, remotePeer) => blocked(remotePeer),
    denyOutboundRelayedConnection: (source, destination) => blocked(source) || blocked(destination),
  };
}
