// Activity: the signed, hash-chained audit trail as sentences a person reads ("You shared
// your postal address … with Tea & Co"), newest first, under a heading per day, narrowed
// to one person or one record; each entry's signed original is one click away. The
// sentences come from the core (src/api/activity), the same ones `kith log` prints.
import { useState } from 'react';
import { groupByDay, clockTime } from '../../src/api/activity/activity-days.ts';
import type { ActivityItem } from '../../src/api/methods/activity.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { VerifyTrail } from './verify-trail.tsx';

const PAGE = 200;

function Entry({ item }: { item: ActivityItem }) {
  return (
    <li className="activity-entry" data-seq={item.seq}>
      <time dateTime={item.time} className="activity-time">
        {clockTime(item.time)}
      </time>
      <div className="activity-body">
        <p className="activity-sentence">{item.sentence}</p>
        <details className="activity-raw">
          <summary>Signed entry #{item.seq}</summary>
          <pre className="mono">{JSON.stringify(item.entry, null, 2)}</pre>
        </details>
      </div>
    </li>
  );
}

export function Activity() {
  const { client } = useKith();
  const [person, setPerson] = useState('');
  const [record, setRecord] = useState('');
  const [pages, setPages] = useState(1);
  const filters = { ...(person === '' ? {} : { person }), ...(record === '' ? {} : { record }) };
  const entries = useQuery<ActivityItem[]>(() => client.call('log.activity', { limit: PAGE * pages, ...filters }), [person, record, pages], (event) => event.name === 'log.appended');
  const contacts = useQuery(() => client.call('contacts.list', {}), [], (event) => event.name === 'contacts.changed');
  const records = useQuery(() => client.call('data.list', {}), [], (event) => event.name === 'records.changed');
  const list = entries.data ?? [];
  const filtered = person !== '' || record !== '';

  return (
    <Screen title="Activity" intro="Everything that happened to your data, newest first. Each entry is signed by you and linked to the one before, so nothing can be changed or removed unnoticed." actions={<VerifyTrail />}>
      <div className="filter">
        <label htmlFor="activity-person">Person</label>
        <select id="activity-person" className="control" value={person} onChange={(event) => setPerson(event.target.value)}>
          <option value="">Everyone</option>
          {(contacts.data ?? []).map((contact) => (
            <option key={contact.peerId} value={contact.peerId}>
              {contact.petname}
            </option>
          ))}
        </select>
        <label htmlFor="activity-record">Record</label>
        <select id="activity-record" className="control" value={record} onChange={(event) => setRecord(event.target.value)}>
          <option value="">All records</option>
          {(records.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {typeLabel(r.type)}: {recordSummary(r.type, r.data)}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={entries.error} />
      {entries.data !== undefined && list.length === 0 ? (
        <EmptyState title={filtered ? 'Nothing here concerns that' : 'No activity yet'}>
          <p>{filtered ? 'Choose Everyone and All records to see everything.' : 'Add something under My data or Documents and it shows here.'}</p>
        </EmptyState>
      ) : (
        groupByDay(list).map((group) => (
          <section key={group.day} className="activity-day" aria-labelledby={`day-${group.day}`}>
            <h2 id={`day-${group.day}`}>{group.label}</h2>
            <ol className="activity-list">
              {group.items.map((item) => (
                <Entry key={item.seq} item={item} />
              ))}
            </ol>
          </section>
        ))
      )}
      {list.length === PAGE * pages ? (
        <button type="button" onClick={() => setPages((n) => n + 1)}>
          Show more
        </button>
      ) : null}
    </Screen>
  );
}
