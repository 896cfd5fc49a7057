// The agreement protocol on a running node: served (countersigning by policy on a vendor
// node), and — on the customer's side — telling a vendor that an agreement ended, again
// whenever it connects until it has acknowledged. Its data is already covered: the grants
// under the agreement were revoked through the outbox, which retries on its own.
import type { KithNode } from '../../net/node.ts';
import { startAgreementProtocol, tellEnded } from '../../net/protocols/agreement/agreement-protocol.ts';
import { listAgreements, markVendorTold } from '../../trust/agreements.ts';
import { getContact } from '../../trust/contacts.ts';
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
    if (!stopped) void tellPendingEnds(ctx, node, peer).catch(() => 0);
  });
  void tellPendingEnds(ctx, node).catch(() => 0);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
