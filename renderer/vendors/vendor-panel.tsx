// One vendor I deal with: its signed profile (asked of its node), my agreements with it,
// and what it holds of mine with its receipts. Proposing, sharing under an agreement,
// ending one and writing to it (Message, about the agreement in force) start here.
import { useState } from 'react';
import type { MethodOutput } from '../../src/api/contract.ts';
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import type { ContactView } from '../../src/api/methods/people.ts';
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { Confirm } from '../components/confirm.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { KeyText } from '../components/key-text.tsx';
import { useOpenConversation } from '../conversations/open-conversation.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { AgreementItem } from './agreement-item.tsx';
import { Holdings } from './holdings.tsx';
import { ProfileFacts } from './profile-facts.tsx';
import { ProposeAgreement } from './propose-agreement.tsx';
import { ShareUnderAgreement } from './share-under-agreement.tsx';
import { VendorCompliance } from './vendor-compliance.tsx';

export interface VendorPanelProps {
  readonly vendor: ContactView;
  /** My agreements with it, as customer. */
  readonly agreements: readonly AgreementView[];
  readonly grants: readonly GrantView[];
  readonly receipts: MethodOutput<'receipts.list'>;
  readonly describe: (recordId: string) => string;
}

type Open = { what: 'propose' } | { what: 'share' | 'end'; agreement: AgreementView } | undefined;

export function VendorPanel({ vendor, agreements, grants, receipts, describe }: VendorPanelProps) {
  const { client } = useKith();
  const name = vendor.petname;
  // Asked of the vendor's node, which signs it: there is no copy to read offline.
  const profile = useQuery(
    () => (vendor.blocked ? Promise.resolve(undefined) : client.call('vendor.profile.get', { vendor: vendor.peerId })),
    [vendor.peerId, vendor.blocked],
    () => false,
  );
  const [open, setOpen] = useState<Open>();
  const openConversation = useOpenConversation();
  const [receiptsError, setReceiptsError] = useState<unknown>();
  const close = () => setOpen(undefined);
  const list = [...agreements].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.created.localeCompare(a.created));
  const id = `vendor-${vendor.peerId}`;

  return (
    <section className="panel vendor" aria-labelledby={id}>
      <div className="category-head panel-head">
        <h2 id={id}>
          {name}
          {vendor.blocked ? <span className="tag">blocked</span> : null}
        </h2>
        {vendor.blocked ? null : (
          <div className="record-actions">
            {/* About the agreement in force, the newest first, when there is one. */}
            <button type="button" onClick={() => openConversation(vendor.did, list.find((a) => a.status === 'active')?.id)} aria-label={`Message ${name}`}>
              Message
            </button>
            <button type="button" className="primary" onClick={() => setOpen({ what: 'propose' })} aria-label={`Propose an agreement to ${name}`}>
              Propose an agreement…
            </button>
          </div>
        )}
      </div>
      <p className="record-meta">
        <KeyText value={vendor.did} label="DID" />
      </p>

      <h3>Profile</h3>
      {vendor.blocked ? (
        <p className="note">You blocked {name}: its node cannot be asked for its profile. Unblock it under People &amp; circles.</p>
      ) : profile.data !== undefined ? (
        <ProfileFacts profile={profile.data} />
      ) : profile.error !== undefined ? (
        <div>
          <ErrorNote error={profile.error} />
          <button type="button" onClick={profile.reload} disabled={profile.loading}>
            Ask {name} again
          </button>
        </div>
      ) : (
        <p className="loading">Asking {name} for its profile…</p>
      )}

      <h3>Agreements</h3>
      {list.length === 0 ? (
        <p className="note">None yet. Choose Propose an agreement… to offer {name} your terms; it needs one before you can share anything with it.</p>
      ) : (
        <ul className="agreements">
          {list.map((agreement) => (
            <AgreementItem
              key={agreement.id}
              agreement={agreement}
              onShare={() => setOpen({ what: 'share', agreement })}
              onEnd={() => setOpen({ what: 'end', agreement })}
              onReceipts={(accept) => {
                setReceiptsError(undefined);
                client.call('agreements.receipts', { id: agreement.id, accept }).catch(setReceiptsError);
              }}
            />
          ))}
        </ul>
      )}
      {receiptsError === undefined ? null : <ErrorNote error={receiptsError} />}

      <h3>What it holds</h3>
      <Holdings vendor={vendor} grants={grants} receipts={receipts} describe={describe} />

      <h3>Compliance</h3>
      <VendorCompliance vendor={vendor} />

      {open?.what === 'propose' ? <ProposeAgreement vendor={vendor} profile={profile.data} onClose={close} /> : null}
      {open?.what === 'share' ? <ShareUnderAgreement agreement={open.agreement} onClose={close} /> : null}
      {open?.what === 'end' ? (
        <Confirm
          title={`End your agreement with ${name}?`}
          confirmLabel="End agreement"
          onClose={close}
          onConfirm={() => client.call('agreements.end', { id: open.agreement.id }).then(() => undefined)}
        >
          <p>
            Your agreement for “{open.agreement.purpose}” ends. Everything you shared under it is taken back: <strong>{name}</strong> stops getting updates, is
            told to delete it, and sends a signed deletion receipt that you will see here.
          </p>
        </Confirm>
      ) : null}
    </section>
  );
}
