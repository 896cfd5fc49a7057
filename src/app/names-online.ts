// Names that follow what a person contact says about itself: on each connection a node
// asks the contact the name it goes by (/kith/name), and a changed answer becomes the
// contact's name unless the owner renamed it. A vendor contact's name follows its signed
// profile instead (sharing/agreements-online.ts).
import type { KithNode } from '../net/node.ts';
import { askName, startNameProtocol } from '../net/protocols/name/name-protocol.ts';
import { getContact, noteSelfName, type Contact } from '../trust/contacts.ts';
import type { AppContext } from './context.ts';

/** Asks the person contact at `peer` its name now; true if that changed what we store. */
export async function refreshPersonName(ctx: AppContext, node: KithNode, peer: string): Promise<boolean> {
  const locker = await ctx.locker();
  const contact = await getContact(locker, peer);
  if (contact?.kind !== 'person') return false;
  const name = await askName(node, contact);
  // No name told (hidden, or no name record): it keeps the name it has.
  const changed = name !== undefined && (await noteSelfName(locker, ctx.signer(), peer, name));
  if (changed) {
    ctx.emit('contacts.changed', {});
    ctx.emit('log.appended', {});
  }
  return changed;
}

export interface NamesOptions {
  readonly isBlocked: (peer: string) => boolean;
  /** The name this node tells `contact` (its card's name under that contact's choice). */
  readonly nameFor: (contact: Contact) => Promise<string | undefined>;
}

/** Registers the protocol and asks each person contact as it connects; returns the function that stops asking. */
export async function startNames(ctx: AppContext, node: KithNode, options: NamesOptions): Promise<() => void> {
  await startNameProtocol({
    node,
    contact: async (peerId) => (options.isBlocked(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
    nameFor: options.nameFor,
  });
  let stopped = false;
  const unsubscribe = node.onPeerConnected((peer) => {
    if (stopped || options.isBlocked(peer)) return;
    // Unreachable, an older node without the protocol, or a malformed answer: the name stays as it was.
    void refreshPersonName(ctx, node, peer).catch(() => false);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
