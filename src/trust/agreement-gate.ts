// The rule that sharing with a vendor needs an agreement (product.md item 6): a grant to a
// vendor contact is made under one of the owner's live agreements with that vendor, and
// takes its purpose and terms — the ones the vendor countersigned — rather than new ones.
import { KithError } from '../base/errors.ts';
import type { Locker } from '../store/locker.ts';
import { liveAgreementsWith, type Agreement } from './agreements.ts';
import { resolveCircle } from './circles.ts';
import { getContact, type Contact } from './contacts.ts';
import type { Recipient } from './grants.ts';

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** The agreement `purpose` names (its id, or its purpose in any case), among `live`. */
function choose(vendor: Contact, live: readonly Agreement[], purpose: string): Agreement {
  const wanted = purpose.trim().toLowerCase();
  const match = live.find((a) => a.id === wanted || a.purpose.trim().toLowerCase() === wanted);
  if (match !== undefined) return match;
  const list = live.map((a) => `${quote(a.purpose)} (${a.id})`).join(', ');
  throw new KithError('InvalidInput', `Your agreement${live.length === 1 ? '' : 's'} with ${vendor.petname} ${live.length === 1 ? 'is' : 'are'} for ${list}, not ${quote(purpose)}.`, {
    hint: 'Share under one with --purpose set to its purpose or id, or agree on new terms with `kith agree`.',
  });
}

/**
 * The agreement a new grant to `to` must be made under: for a vendor contact, its live
 * agreement for `purpose` (NotTrusted when there is none); for a person, none. A circle
 * with a vendor in it is refused: each vendor shares under its own agreement.
 */
export async function agreementForGrant(locker: Locker, to: Recipient, purpose: string): Promise<Agreement | undefined> {
  if (to.kind === 'circle') {
    const circle = await resolveCircle(locker, to.circleId);
    for (const member of circle.members) {
      const contact = await getContact(locker, member);
      if (contact?.kind === 'vendor') {
        throw new KithError('NotTrusted', `The circle ${circle.name} includes the vendor ${contact.petname}; vendors get data only under an agreement.`, {
          hint: `Share with ${contact.petname} on its own, under an agreement (\`kith agree\`), or take it out of the circle.`,
        });
      }
    }
    return undefined;
  }
  const vendor = await getContact(locker, to.peerId);
  if (vendor?.kind !== 'vendor') return undefined;
  const live = await liveAgreementsWith(locker, vendor.peerId);
  if (live.length === 0) {
    throw new KithError('NotTrusted', `${vendor.petname} is a vendor, and you have no agreement with it: sharing with a vendor needs one.`, {
      hint: `Proffer your terms first: kith agree ${JSON.stringify(vendor.petname)} --purpose TEXT --terms delivery-only,delete-on-revocation`,
    });
  }
  return choose(vendor, live, purpose);
}
