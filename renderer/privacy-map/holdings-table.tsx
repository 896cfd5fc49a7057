// The privacy map as a table: one row for each holder and grant — who, what, why, under
// which terms, until when, and its state. The picture's alternative for screen readers
// and for anyone who would rather read than look.
import { TermList } from '../sharing/grant-item.tsx';
import { grantState, type PrivacyMap } from './map-model.ts';
import { kindWords, stateWords, untilWords } from './map-words.ts';

export function HoldingsTable({ map }: { map: PrivacyMap }) {
  const rows = map.holders.flatMap((holder) => holder.grants.map((grant) => ({ holder, grant })));
  const what = (ids: readonly { id: string; fields?: readonly string[] }[]) =>
    ids
      .map((granted) => {
        const label = map.records.find((record) => record.id === granted.id)?.label ?? 'a record';
        return granted.fields === undefined ? label : `${label} (only ${granted.fields.join(', ')})`;
      })
      .join('; ');
  return (
    <table className="trail holdings">
      <caption className="visually-hidden">Who holds which of your records, under which terms, until when</caption>
      <thead>
        <tr>
          <th scope="col">Holder</th>
          <th scope="col">What</th>
          <th scope="col">Purpose and terms</th>
          <th scope="col">Until</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ holder, grant }) => {
          const state = grantState(grant);
          return (
            <tr key={`${holder.key}:${grant.id}`} className={`holding ${state}`}>
              <th scope="row">
                {holder.name}
                <span className="table-kind">{kindWords(holder)}</span>
              </th>
              <td>{what(grant.records)}</td>
              <td>
                {grant.purpose}
                {grant.terms.length === 0 ? null : <TermList terms={grant.terms} />}
              </td>
              <td>{state === 'live' ? untilWords(grant).replace(/^until /, '') : '—'}</td>
              <td className={state === 'live' ? 'ok-text' : state === 'unconfirmed' ? 'warning-text' : 'muted-text'}>{stateWords(grant)}</td>
            </tr>
          );
        })}
        {map.holders
          .filter((holder) => holder.grants.length === 0)
          .map((holder) => (
            <tr key={holder.key} className="holding">
              <th scope="row">
                {holder.name}
                <span className="table-kind">{kindWords(holder)}</span>
              </th>
              <td>Nothing yet</td>
              <td>
                {holder.agreements.map((agreement) => (
                  <div key={agreement.id}>
                    {agreement.purpose}
                    {agreement.terms.length === 0 ? null : <TermList terms={agreement.terms} />}
                  </div>
                ))}
              </td>
              <td>—</td>
              <td className="muted-text">Agreement, nothing shared</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
