// vendor.receipt(s), vendor.compliance, agreements.receipts: e-receipts on both sides and
// the vendor's compliance view. The vendor's half needs its vendor store; a person's node
// says it is not a vendor node.
import type { AppApi } from '../../api/contract.ts';
import type { ComplianceView } from '../../api/methods/receipts.ts';
import { KithError } from '../../base/errors.ts';
import { setAgreementReceipts } from '../../trust/agreements.ts';
import type { VendorStore } from '../../vendor/store/vendor-store.ts';
import type { AppContext } from '../context.ts';
import { sendEReceipt } from '../receipts/send-e-receipt.ts';
import type { VendorStoreHandle } from '../vendor-store-choice.ts';

type ReceiptsApi = Pick<AppApi, 'vendor.receipt' | 'vendor.receipts' | 'vendor.compliance' | 'agreements.receipts'>;

function present<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

/** The "delete after N days" of a grant's terms as stored (clause objects, src/trust/terms.ts). */
function deleteAfterDays(terms: unknown): number | undefined {
  if (!Array.isArray(terms)) return undefined;
  for (const clause of terms as unknown[]) {
    if (typeof clause === 'object' && clause !== null && (clause as Record<string, unknown>)['id'] === 'delete-after') {
      const days = (clause as Record<string, unknown>)['days'];
      if (typeof days === 'number' && Number.isInteger(days)) return days;
    }
  }
  return undefined;
}

export function receiptsService(ctx: AppContext, handle: VendorStoreHandle | undefined): ReceiptsApi {
  const store = (): Promise<VendorStore> => {
    if (handle === undefined) throw new KithError('Unsupported', 'This is not a vendor node: it has no vendor store.', { hint: 'Run it as one with `kith start --vendor`.' });
    return handle.store();
  };
  return {
    async 'vendor.receipt'({ customer, order }) {
      const sent = await sendEReceipt(ctx, await store(), { customer, order });
      // The outbox sends it at once if the customer is online (the network flushes on this).
      ctx.emit('grants.changed', {});
      ctx.emit('log.appended', {});
      return sent;
    },
    async 'vendor.receipts'({ customer }) {
      return (await (await store()).sentReceipts(customer)).map((r) => ({
        id: r.id,
        customer: r.customer_did,
        orderId: r.order_id,
        total: { value: r.total, currency: r.currency },
        status: r.status,
        ...present('code', r.refused_code),
        created: r.created_at,
        ...present('answered', r.answered_at),
      }));
    },
    async 'vendor.compliance'() {
      const now = Date.now();
      const view: ComplianceView = { owed: [], answered: [] };
      const vendorStore = await store();
      const [deletions, terms] = await Promise.all([vendorStore.compliance(), vendorStore.retentionTerms()]);
      const daysOf = new Map(terms.map((t) => [`${t.customer_did} ${t.grant_id}`, deleteAfterDays(t.terms)]));
      for (const d of deletions) {
        const days = daysOf.get(`${d.customer_did} ${d.grant_id}`);
        const base = { customer: d.customer_did, ...present('name', d.name), grant: d.grant_id, ...present('purpose', d.purpose), due: d.due_at, reason: d.reason, ...(days === undefined ? {} : { days }) };
        if (d.done_at === null) view.owed.push({ ...base, overdue: Date.parse(d.due_at) <= now });
        else view.answered.push({ ...base, done: d.done_at, by: d.done_by ?? 'schedule', ...present('receipt', d.receipt_id), ...present('delivered', d.receipt_delivered_at) });
      }
      return view;
    },
    async 'agreements.receipts'({ id, accept }) {
      const agreement = await setAgreementReceipts(await ctx.locker(), ctx.signer(), id, accept);
      ctx.emit('agreements.changed', {});
      ctx.emit('log.appended', {});
      return { id: agreement.id, receipts: agreement.receipts ?? true };
    },
  };
}
