// The privacy map in words: what a holder is, and what state a grant is in. The picture,
// its details and its table all say it the same way.
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { count, formatTime } from '../lib/format.ts';
import { grantState, notDeleted, type MapHolder } from './map-model.ts';

export function kindWords(holder: MapHolder): string {
  switch (holder.kind) {
    case 'person':
      return 'Person';
    case 'circle':
      return `Circle · ${count(holder.members.length, 'person').replace(/persons$/, 'people')}`;
    case 'vendor':
      return holder.agreements.some((agreement) => agreement.status === 'active') ? 'Vendor · agreement in force' : 'Vendor';
  }
}

/** "until 3 May 2027, 23:59", or "until you revoke it". */
export function untilWords(grant: GrantView): string {
  return grant.expires === undefined ? 'until you revoke it' : `until ${formatTime(grant.expires)}`;
}

/** The grant's state in a few words: "Active", "Revoked 2 May · deletion not confirmed by Bea". */
export function stateWords(grant: GrantView): string {
  switch (grantState(grant)) {
    case 'live':
      return 'Active';
    case 'expired':
      return grant.expires === undefined ? 'Expired' : `Expired ${formatTime(grant.expires)}`;
    case 'revoked':
      return `Revoked ${formatTime(grant.revoked ?? '')} · deletion confirmed`;
    case 'unconfirmed':
      return `Revoked ${formatTime(grant.revoked ?? '')} · deletion not confirmed by ${notDeleted(grant).join(', ')}`;
  }
}

/** One line for a screen reader about a holder node. */
export function holderLabel(holder: MapHolder, recordCount: number): string {
  const holds = holder.live ? `holds ${count(recordCount, 'record')} of yours` : recordCount === 0 ? 'holds nothing of yours' : 'no longer holds your data';
  const waiting = holder.awaitingDeletion.length === 0 ? '' : '; deletion not confirmed';
  return `${holder.name}, ${kindWords(holder).toLowerCase()}: ${holds}${waiting}`;
}
