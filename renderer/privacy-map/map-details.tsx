// Beside the picture: what the focused or hovered node means — for a holder, each grant
// it holds under (what, why, the terms, until when, its state) and any agreement; for a
// record, who holds it. Announced politely, so moving through the picture reads it out.
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { formatTime } from '../lib/format.ts';
import { TermList } from '../sharing/grant-item.tsx';
import { grantState, type MapHolder, type MapRecord, type PrivacyMap } from './map-model.ts';
import type { NodeKey } from './map-picture.tsx';
import { kindWords, stateWords, untilWords } from './map-words.ts';

export function MapDetails({ map, active }: { map: PrivacyMap; active: NodeKey | undefined }) {
  const holder = map.holders.find((candidate) => active === `holder:${candidate.key}`);
  const record = map.records.find((candidate) => active === `record:${candidate.id}`);
  return (
    <aside className="map-details panel" aria-live="polite" aria-labelledby="map-details-title">
      {holder !== undefined ? (
        <HolderDetails holder={holder} map={map} />
      ) : record !== undefined ? (
        <RecordDetails record={record} map={map} />
      ) : (
        <>
          <h2 id="map-details-title">Details</h2>
          <p className="note">Choose someone on the right, or a record on the left, to see the terms and until when. Tab moves through them.</p>
        </>
      )}
    </aside>
  );
}

function recordWords(map: PrivacyMap, grant: GrantView): string {
  return grant.records
    .map((granted) => {
      const record = map.records.find((candidate) => candidate.id === granted.id);
      const name = record === undefined ? 'a record' : record.label;
      return granted.fields === undefined ? name : `${name} (only ${granted.fields.join(', ')})`;
    })
    .join('; ');
}

function HolderDetails({ holder, map }: { holder: MapHolder; map: PrivacyMap }) {
  const grants = [...holder.grants].sort((a, b) => Number(b.live) - Number(a.live) || b.created.localeCompare(a.created));
  return (
    <>
      <h2 id="map-details-title">
        {holder.name} <span className="badge">{kindWords(holder)}</span>
      </h2>
      {holder.kind === 'circle' ? <p>{holder.members.length === 0 ? 'Nobody is in this circle now.' : `Members: ${holder.members.join(', ')}.`}</p> : null}
      {holder.awaitingDeletion.length === 0 ? null : (
        <p className="warning-text">
          {holder.awaitingDeletion.join(', ')} {holder.awaitingDeletion.length === 1 ? 'has' : 'have'} not confirmed deleting what you revoked. Kith keeps asking until
          a signed deletion receipt arrives.
        </p>
      )}
      {holder.agreements.map((agreement) => (
        <section key={agreement.id} className="map-grant">
          <h3>Agreement {agreement.status === 'active' ? 'in force' : 'ended'}</h3>
          <dl className="facts">
            <dt>Purpose</dt>
            <dd>{agreement.purpose}</dd>
            <dt>Terms</dt>
            <dd>{agreement.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={agreement.terms} />}</dd>
            <dt>Since</dt>
            <dd>
              {formatTime(agreement.created)}
              {agreement.ended === undefined ? '' : ` · ended ${formatTime(agreement.ended)}`}
            </dd>
          </dl>
        </section>
      ))}
      {grants.length === 0 ? <p className="note">You have not shared anything with them.</p> : null}
      {grants.map((grant) => (
        <section key={grant.id} className={`map-grant ${grantState(grant)}`}>
          <h3>{recordWords(map, grant)}</h3>
          <dl className="facts">
            <dt>State</dt>
            <dd className={grant.live ? 'ok-text' : grantState(grant) === 'unconfirmed' ? 'warning-text' : 'muted-text'}>{stateWords(grant)}</dd>
            <dt>Purpose</dt>
            <dd>{grant.purpose}</dd>
            <dt>Terms</dt>
            <dd>{grant.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={grant.terms} />}</dd>
            <dt>Until</dt>
            <dd>{grant.expires !== undefined ? formatTime(grant.expires) : grant.live ? 'No end date: until you revoke it' : 'Ended'}</dd>
          </dl>
        </section>
      ))}
    </>
  );
}

function RecordDetails({ record, map }: { record: MapRecord; map: PrivacyMap }) {
  const links = map.links.filter((link) => link.record === record.id);
  return (
    <>
      <h2 id="map-details-title">{record.label}</h2>
      <p className="note">{record.category === '' ? 'You deleted this record; holders were sent its deletion.' : record.category}</p>
      <ul className="map-holders-of">
        {links.map((link) => {
          const holder = map.holders.find((candidate) => candidate.key === link.holder);
          return (
            <li key={`${link.grant.id}:${link.holder}`} className={`map-grant ${link.state}`}>
              <strong>{holder?.name ?? link.grant.to.name}</strong>
              {link.fields === undefined ? '' : ` (only ${link.fields.join(', ')})`} — {link.grant.purpose}
              <br />
              <span className={link.state === 'live' ? 'ok-text' : link.state === 'unconfirmed' ? 'warning-text' : 'muted-text'}>{stateWords(link.grant)}</span>
              {link.state === 'live' ? `, ${untilWords(link.grant)}` : ''}
              {link.grant.terms.length === 0 ? null : <TermList terms={link.grant.terms} />}
            </li>
          );
        })}
      </ul>
    </>
  );
}
