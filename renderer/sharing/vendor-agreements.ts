// Which of my agreements a grant to a vendor can be made under, and how each is named in a
// choice: the Share dialog's (agreement-choice.tsx).
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import type { CircleView, ContactView } from '../../src/api/methods/people.ts';
import { formatTime } from '../lib/format.ts';

/** My agreements in force with the vendor `peerId`, as its customer. */
export function activeAgreementsWith(all: readonly AgreementView[], peerId: string): AgreementView[] {
  return all.filter((agreement) => agreement.role === 'customer' && agreement.status === 'active' && agreement.with.peerId === peerId);
}

/** Its purpose; with the day it was made too when another of `all` has the same purpose. */
export function agreementLabel(agreement: AgreementView, all: readonly AgreementView[]): string {
  const same = (other: AgreementView) => other.purpose.trim().toLowerCase() === agreement.purpose.trim().toLowerCase();
  return all.filter(same).length > 1 ? `${agreement.purpose} (made ${formatTime(agreement.created)})` : agreement.purpose;
}

/** The vendors among `circle`'s members, by petname: a grant to the circle cannot reach them. */
export function circleVendors(circle: Pick<CircleView, 'members'> | undefined, contacts: readonly Pick<ContactView, 'peerId' | 'kind'>[]): string[] {
  if (circle === undefined) return [];
  const vendors = new Set(contacts.filter((contact) => contact.kind === 'vendor').map((contact) => contact.peerId));
  return circle.members.filter((member) => vendors.has(member.peerId)).map((member) => member.petname);
}
