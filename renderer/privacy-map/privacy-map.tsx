// Privacy map: who holds which of my data, under which terms, until when — as a picture
// (my records, the holders, a line per grant), the details of whatever is focused, and the
// same as a table. Live: it redraws when a grant, receipt, contact, agreement or record
// changes, whoever changed it.
import { useState } from 'react';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { count } from '../lib/format.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { HoldingsTable } from './holdings-table.tsx';
import { MapDetails } from './map-details.tsx';
import { MapLegend } from './map-legend.tsx';
import { buildPrivacyMap, type PrivacyMap as PrivacyMapModel } from './map-model.ts';
import { MapPicture, type NodeKey } from './map-picture.tsx';

function useMapSources() {
  const { client } = useKith();
  const grants = useQuery(
    () => client.call('grants.list', {}),
    [],
    (event) => event.name === 'grants.changed' || event.name === 'contacts.changed',
  );
  const contacts = useQuery(
    () => client.call('contacts.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const circles = useQuery(
    () => client.call('circles.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const agreements = useQuery(
    () => client.call('agreements.list', {}),
    [],
    (event) => event.name === 'agreements.changed' || event.name === 'grants.changed',
  );
  const records = useQuery(
    () => client.call('data.list', {}),
    [],
    (event) => event.name === 'records.changed',
  );
  const error = grants.error ?? contacts.error ?? circles.error ?? agreements.error ?? records.error;
  if (grants.data === undefined || contacts.data === undefined || circles.data === undefined || agreements.data === undefined || records.data === undefined) {
    return { sources: undefined, error };
  }
  return { sources: { grants: grants.data, contacts: contacts.data, circles: circles.data, agreements: agreements.data, records: records.data }, error };
}

function summary(map: PrivacyMapModel): string {
  const live = map.links.filter((link) => link.state === 'live');
  const holders = map.holders.filter((holder) => holder.live).length;
  const records = new Set(live.map((link) => link.record)).size;
  const waiting = map.holders.filter((holder) => holder.awaitingDeletion.length > 0).length;
  const held =
    holders === 0 ? 'Nobody holds any of your records now.' : `${holders === 1 ? 'One holder has' : `${holders} holders have`} ${count(records, 'record').replace(/^1 /, 'one ')} of yours.`;
  return waiting === 0 ? held : `${held} ${waiting === 1 ? 'One has' : `${waiting} have`} not confirmed deleting what you revoked.`;
}

export function PrivacyMap() {
  const { sources, error } = useMapSources();
  const navigate = useNavigate();
  const [showEnded, setShowEnded] = useState(true);
  const [selected, setSelected] = useState<NodeKey>();
  const [hovered, setHovered] = useState<NodeKey>();
  const map = sources === undefined ? undefined : buildPrivacyMap(sources, showEnded);
  const everything = sources === undefined ? undefined : buildPrivacyMap(sources, true);
  const active = hovered ?? selected;

  return (
    <Screen title="Privacy map" intro="Who holds which of your data, under which terms, and until when. Lines are your grants; choose a holder or a record to see the terms.">
      <ErrorNote error={error} />
      {map === undefined || everything === undefined ? (
        error === undefined ? (
          <p className="loading">Drawing your map…</p>
        ) : null
      ) : everything.holders.length === 0 ? (
        <EmptyState title="Nobody holds any of your data">
          <p>
            When you share, the person, circle or vendor appears here, linked to what they hold, with your terms and until when. To share: go to My data and choose
            Share… next to a record. You need a contact first: invite someone under People &amp; circles.
          </p>
          <div className="actions left">
            <button type="button" className="primary" onClick={() => navigate('my-data')}>
              Go to My data
            </button>
            <button type="button" onClick={() => navigate('people')}>
              Go to People &amp; circles
            </button>
          </div>
        </EmptyState>
      ) : (
        <>
          <div className="map-bar">
            <p className="map-summary" id="map-summary">
              {summary(everything)}
            </p>
            <label className="check">
              <input type="checkbox" checked={showEnded} onChange={(e) => setShowEnded(e.target.checked)} />
              Show ended sharing (revoked and expired)
            </label>
          </div>
          {map.holders.length === 0 ? (
            <p className="note">Nothing is shared now. Tick “Show ended sharing” to see what you shared before.</p>
          ) : (
            <div className="map-layout">
              <figure className="map-figure">
                <MapPicture map={map} active={active} selected={selected} onSelect={setSelected} onHover={setHovered} />
                <MapLegend />
              </figure>
              <MapDetails map={map} active={active} />
            </div>
          )}
          {map.holders.length === 0 ? null : (
            <section aria-labelledby="holdings-title">
              <h2 id="holdings-title">Who holds what</h2>
              <HoldingsTable map={map} />
            </section>
          )}
        </>
      )}
    </Screen>
  );
}
