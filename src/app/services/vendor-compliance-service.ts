// vendors.compliance: the person's side of "did the vendor keep my terms", per vendor
// contact, judged from the locker's own signed record (src/trust/vendor-compliance.ts).
import type { AppApi } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';
import { listAgreements } from '../../trust/agreements.ts';
import { listContacts, resolveContact, type Contact } from '../../trust/contacts.ts';
import { listGrants } from '../../trust/grants.ts';
import { listReceipts } from '../../trust/receipts.ts';
import { vendorCompliance } from '../../trust/vendor-compliance.ts';
import type { Locker } from '../../store/locker.ts';
import type { AppContext } from '../context.ts';

type VendorComplianceApi = Pick<AppApi, 'vendors.compliance'>;

export function vendorComplianceService(ctx: AppContext): VendorComplianceApi {
  return {
    async 'vendors.compliance'({ vendor }) {
      const locker = await ctx.locker();
      const vendors = vendor === undefined ? (await listContacts(locker)).filter((contact) => contact.kind === 'vendor') : [await oneVendor(locker, vendor)];
      const [agreements, grants, receipts] = await Promise.all([listAgreements(locker), listGrants(locker), listReceipts(locker)]);
      const now = new Date();
      return vendors.map((contact) => vendorCompliance({ vendor: contact, agreements, grants, receipts, now }));
    },
  };
}

async function oneVendor(locker: Locker, vendor: string): Promise<Contact> {
  const chosen = await resolveContact(locker, vendor);
  if (chosen.kind !== 'vendor') throw new KithError('InvalidInput', `${chosen.petname} is a person, not a vendor: compliance is shown for vendors.`, { hint: 'See your vendors with `kith contacts`.' });
  return chosen;
}
