// What a vendor holds of mine, and whether it complied: every grant to it, with the consent
// receipt it countersigned on delivery and, once I took the data back (revoking, or ending
// the agreement), the signed deletion receipt it returned.
import type { MethodOutput } from '../../src/api/contract.ts';
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { formatTime } from '../lib/format.ts';

type Receipt = MethodOutput<'receipts.list'>[number];

export interface HoldingsProps {
  readonly vendor: { readonly peerId: string; readonly petname: string };
  /** My grants that this vendor holds. */
  readonly grants: readonly GrantView[];
  /** My receipts (all of them; this vendor's are picked here). */
  readonly receipts: readonly Receipt[];
  readonly describe: (recordId: string) => string;
}

export function Holdings({ vendor, grants, receipts, describe }: HoldingsProps) {
  const name = vendor.petname;
  const receipt = (grant: string, kind: Receipt['kind']) => receipts.find((r) => r.grant === grant && r.holder === vendor.peerId && r.kind === kind);
  const takenBack = grants.filter((grant) => grant.revoked !== undefined);
  const confirmed = takenBack.filter((grant) => receipt(grant.id, 'deletion') !== undefined || grant.holders.some((h) => h.peerId === vendor.peerId && h.deleted));

  if (grants.length === 0) {
    return <p className="note">{name} holds nothing of yours. Share data under an agreement with Share data under it….</p>;
  }
  return (
    <>
      <table className="trail holders">
        <caption className="visually-hidden">What {name} holds</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">For</th>
            <th scope="col">State</th>
            <th scope="col">Consent receipt</th>
            <th scope="col">Deletion</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((grant) => {
            const consent = receipt(grant.id, 'consent');
            const deletion = receipt(grant.id, 'deletion');
            return (
              <tr key={grant.id}>
                <td>{grant.records.map((r) => describe(r.id) + (r.fields === undefined ? '' : ` (only ${r.fields.join(', ')})`)).join('; ')}</td>
                <td>{grant.purpose}</td>
                <td>{grant.revoked !== undefined ? `Taken back ${formatTime(grant.revoked)}` : grant.live ? `Holds it since ${formatTime(grant.created)}` : 'Expired'}</td>
                <td>{consent === undefined ? 'Not yet' : <span className="ok-text">Signed {formatTime(consent.time)}</span>}</td>
                <td>
                  {grant.revoked === undefined ? (
                    <span className="muted-text">Not asked</span>
                  ) : deletion === undefined ? (
                    'Not confirmed yet'
                  ) : (
                    <span className="ok-text">Deleted {formatTime(deletion.time)}, signed receipt</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {takenBack.length === 0 ? null : (
        <p className={confirmed.length === takenBack.length ? 'ok-text compliance' : 'compliance'}>
          {confirmed.length === takenBack.length
            ? `${name} confirmed deleting everything you took back, with signed receipts.`
            : `${name} has confirmed ${confirmed.length} of ${takenBack.length} deletions so far; the rest are asked for again whenever it is online.`}
        </p>
      )}
    </>
  );
}
