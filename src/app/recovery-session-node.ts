// The node a recovering device runs while it waits for approvals: the session's temporary
// key as its PeerId, the daemon's own network options (listen addresses, bootstrap, mDNS),
// nothing stored (no peer store: the session leaves nothing behind), and only the
// recovery protocol. The everyday node, with the owner's key, starts once the key is back.
import type { OwnerKey } from '../identity/identity.ts';
import { createKithNode, type KithNode } from '../net/node.ts';
import type { NetworkOptions } from './network.ts';

export function startSessionNode(key: OwnerKey, options: NetworkOptions): Promise<KithNode> {
  return createKithNode({
    owner: key,
    ...(options.listen === undefined || options.listen.length === 0 ? {} : { listen: options.listen }),
    bootstrap: options.bootstrap ?? [],
    mdns: options.mdns ?? true,
    ...(options.inboundConnectionThreshold === undefined ? {} : { inboundConnectionThreshold: options.inboundConnectionThreshold }),
  });
}
