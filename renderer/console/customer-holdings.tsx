// One customer, as the vendor node holds them: their agreements (purpose, terms, in force
// or ended), and what they shared under each grant — every record with every version and
// when it was shared and received, and what was deleted when they took it back — and the
// e-receipts sent to them, with the form to send one (customer-receipts.tsx).
import type { CustomerView, HoldingsView } from '../../src/api/methods/vendor.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { KeyText } from '../components/key-text.tsx';
import { Screen } from '../components/screen.tsx';
import { count, formatTime } from '../lib/format.ts';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { TermList } from '../sharing/grant-item.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { changesCustomers } from './console-events.ts';
import { customerCounts, customerName, termsWords } from './console-words.ts';
import { CustomerReceipts } from './customer-receipts.tsx';

type Agreement = HoldingsView['agreements'][number];
type Grant = HoldingsView['grants'][number];
type SharedRecord = HoldingsView['records'][number];

export function CustomerHoldings({ customer, onBack }: { customer: CustomerView; onBack: () => void }) {
  const { client } = useKith();
  const holdings = useQuery(
    () => client.call('vendor.holdings', { customer: customer.did }),
    [customer.did],
    changesCustomers,
  );
  const now = holdings.data?.customer ?? customer;
  const name = customerName(now);
  return (
    <Screen
      title={name}
      intro={
        <>
          <KeyText value={now.did} label="DID" />
          <br />
          Customer since {formatTime(now.since)} · {customerCounts(now)}
        </>
      }
      actions={
        <button type="button" onClick={onBack}>
          ← All customers
        </button>
      }
    >
      <ErrorNote error={holdings.error} />
      {holdings.data === undefined ? (
        holdings.error === undefined ? (
          <p className="status" role="status">
            Loading what {name} shared…
          </p>
        ) : null
      ) : (
        <Details holdings={holdings.data} name={name} did={now.did} />
      )}
    </Screen>
  );
}

function Details({ holdings, name, did }: { holdings: HoldingsView; name: string; did: string }) {
  const agreements = [...holdings.agreements].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.created.localeCompare(a.created));
  const grants = [...holdings.grants].sort((a, b) => b.firstReceived.localeCompare(a.firstReceived));
  return (
    <div className="customer-holdings">
      <section className="panel" aria-labelledby="customer-agreements">
        <h2 id="customer-agreements">Agreements</h2>
        {agreements.length === 0 ? (
          <p className="note">No agreement with {name}: what they shared came without one.</p>
        ) : (
          <ul className="agreements">
            {agreements.map((agreement) => (
              <AgreementFacts key={agreement.id} agreement={agreement} />
            ))}
          </ul>
        )}
      </section>
      <CustomerReceipts customer={did} name={name} canSend={holdings.agreements.some((a) => a.status === 'active')} />
      <section className="panel" aria-labelledby="customer-shared">
        <h2 id="customer-shared">What {name} shared</h2>
        {grants.length === 0 ? (
          <EmptyState title="Nothing shared yet">
            <p>When {name} shares data under an agreement, each record shows here with every version.</p>
          </EmptyState>
        ) : (
          grants.map((grant) => (
            <GrantRecords
              key={grant.id}
              grant={grant}
              agreement={holdings.agreements.find((a) => a.id === grant.agreement)}
              records={holdings.records.filter((r) => r.grant === grant.id)}
              deletion={holdings.scheduledDeletions.find((d) => d.grant === grant.id)}
            />
          ))
        )}
      </section>
    </div>
  );
}

function AgreementFacts({ agreement }: { agreement: Agreement }) {
  const terms = termsWords(agreement.terms);
  const active = agreement.status === 'active';
  return (
    <li className={active ? 'agreement' : 'agreement ended'}>
      <h3>{agreement.purpose}</h3>
      <dl className="facts">
        <dt>State</dt>
        <dd className={active ? 'ok-text' : 'muted-text'}>{active ? 'In force' : `Ended by the customer${agreement.ended === undefined ? '' : ` ${formatTime(agreement.ended)}`}`}</dd>
        <dt>Terms</dt>
        <dd>{terms.length === 0 ? 'None beyond the purpose' : <TermList terms={terms} />}</dd>
        <dt>Made</dt>
        <dd>{formatTime(agreement.created)}</dd>
      </dl>
    </li>
  );
}

function GrantRecords({ grant, agreement, records, deletion }: { grant: Grant; agreement: Agreement | undefined; records: readonly SharedRecord[]; deletion: HoldingsView['scheduledDeletions'][number] | undefined }) {
  const purpose = grant.purpose ?? agreement?.purpose ?? 'No purpose given';
  return (
    <div className="grant-records">
      <h3>For {purpose}</h3>
      <p className="record-meta">
        First received {formatTime(grant.firstReceived)}
        {/* A grant made under an agreement carries its purpose: named only when it differs. */}
        {agreement === undefined ? ' · without an agreement' : agreement.purpose === purpose ? ' · under the agreement above' : ` · under the agreement “${agreement.purpose}”`}
        {grant.expires === undefined ? '' : ` · until ${formatTime(grant.expires)}`}
        {deletion === undefined ? '' : deletion.done === undefined ? ` · to be deleted by ${formatTime(deletion.due)}` : ` · deleted ${formatTime(deletion.done)} as the terms said`}
      </p>
      {grant.revoked === undefined ? null : <p className="note">Taken back {formatTime(grant.revoked)}: what they shared under it was deleted.</p>}
      <ul className="records">
        {records.map((record) => (
          <RecordVersions key={record.id} record={record} />
        ))}
      </ul>
    </div>
  );
}

function RecordVersions({ record }: { record: SharedRecord }) {
  const label = typeLabel(record.type);
  const gone = record.revoked !== undefined ? `deleted when they took it back, ${formatTime(record.revoked)}` : record.deleted ? 'deleted by the customer' : undefined;
  const versions = [...record.versions].sort((a, b) => b.version - a.version);
  return (
    <li className="shared-record">
      <p className="record-summary">
        {label}: {gone === undefined ? recordSummary(record.type, record.data) : <span className="muted-text">{gone}</span>}
      </p>
      <p className="record-meta">
        Version {record.version} · shared {formatTime(record.sharedAt)} · received {formatTime(record.receivedAt)}
      </p>
      {versions.length <= 1 ? null : (
        <details className="versions">
          <summary>
            {count(versions.length, 'version')}
            <span className="visually-hidden"> of {label}</span>
          </summary>
          <ol className="history" aria-label={`Versions of ${label}`}>
            {versions.map((version) => (
              <li key={version.credentialId} className="history-item">
                <p className="history-head">
                  <strong>Version {version.version}</strong> · shared {formatTime(version.sharedAt)} · received {formatTime(version.receivedAt)}
                </p>
                <p className="record-meta">
                  Credential <span className="mono">{version.credentialId}</span>
                </p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
