// The agreement protocol on a running node: served (countersigning by policy on a vendor
// node), and — on the customer's side — telling a vendor that an agreement ended, again
// whenever it connects until it has acknowledged. Its data is already covered: the grants
// under the agreement were revoked through the outbox, which retries on its own.
import type { KithNode } from '../../net/node.ts';
import { askProfile, startAgreementProtocol, tellEnded } from '../../net/protocols/agreement/agreement-protocol.ts';
import { listAgreements, markVendorTold } from '../../trust/agreements.ts';
import { getContact, noteSelfName } from '../../trust/contacts.ts';
import { chosenName } from '../../trust/vendor-profile.ts';
import type { AppContext } from '../context.ts';

/** Tells the vendor at `peer` (or every vendor) of ended agreements it has not acknowledged. */
export async function tellPendingEnds(ctx: AppContext, node: KithNode, peer?: string): Promise<number> {
  const locker = await ctx.locker();
  let told = 0;
  for (const agreement of await listAgreements(locker)) {
    if (agreement.role !== 'customer' || agreement.status !== 'ended' || agreement.vendorTold !== false) continue;
    if (peer !== undefined && agreement.vendor.peerId !== peer) continue;
    try {
      await tellEnded(node, agreement.vendor.peerId, agreement.id);
      await markVendorTold(locker, ctx.signer(), agreement.id);
      told++;
    } catch {
      // Unreachable or refused now: the next connection tries again.
    }
  }
  if (told > 0) ctx.emit('agreements.changed', {});
  return told;
}

/**
 * A vendor contact's name follows its signed profile (until the owner renames it): asked
 * whenever it connects, so a vendor that renames itself is shown by its new name.
 */
export async function refreshVendorName(ctx: AppContext, node: KithNode, peer: string): Promise<boolean> {
  const locker = await ctx.locker();
  const contact = await getContact(locker, peer);
  if (contact?.kind !== 'vendor') return false;
  const name = chosenName(await askProfile(node, contact));
  // No profile name yet: it keeps the name its invite gave.
  const changed = name !== undefined && (await noteSelfName(locker, ctx.signer(), peer, name));
  if (changed) {
    ctx.emit('contacts.changed', {});
    ctx.emit('log.appended', {});
  }
  return changed;
}

/** Registers the protocol; returns the function that stops the retries. */
export async function startAgreements(ctx: AppContext, node: KithNode, options: { vendor: boolean; isBlocked: (peer: string) => boolean }): Promise<() => void> {
  await startAgreementProtocol({
    node,
    locker: () => ctx.locker(),
    signer: () => ctx.signer(),
    contact: async (peerId) => (options.isBlocked(peerId) ? undefined : getContact(await ctx.locker(), peerId)),
    vendor: options.vendor,
    holdings: () => ctx.holdings(),
    onChange: () => {
      ctx.emit('agreements.changed', {});
      ctx.emit('log.appended', {});
    },
  });
  let stopped = false;
  const unsubscribe = node.onPeerConnected((peer) => {
    if (stopped) return;
    void tellPendingEnds(ctx, node, peer).catch(() => 0);
    // Unreachable or not a vendor node now: the name stays as it was.
    void refreshVendorName(ctx, node, peer).catch(() => false);
  });
  void tellPendingEnds(ctx, node).catch(() => 0);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
