// A peer named by the core — a PeerId string (12D3KooW…, dialled through the peer store,
// mDNS or the DHT) or a multiaddr string (/ip4/…/p2p/12D3KooW…) — parsed into what
// libp2p dials. Input from config or a contact card, so it is checked, not trusted.
import type { PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { KithError } from '../base/errors.ts';

export function parsePeerTarget(peer: string): PeerId | Multiaddr {
  if (peer.startsWith('/')) {
    try {
      return multiaddr(peer);
    } catch {
      throw new KithError('InvalidInput', 'This is not a valid multiaddr.');
    }
  }
  return parsePeerId(peer);
}

export function parsePeerId(peer: string): PeerId {
  try {
    return peerIdFromString(peer);
  } catch {
    throw new KithError('InvalidInput', 'This is not a valid PeerId.');
  }
}

/** The PeerId a multiaddr names (its last /p2p/ component), if any. */
export function peerIdOf(target: PeerId | Multiaddr): string | undefined {
  if (!('getComponents' in target)) return target.toString();
  return target.getComponents().findLast((component) => component.name === 'p2p')?.value;
}
