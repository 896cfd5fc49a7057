// My data: every current record by category, each category with its Add button. Updates
// live when records change anywhere (another window, the CLI, an import).
import { useRef, useState } from 'react';
import type { RecordView } from '../../src/api/contract.ts';
import { Confirm } from '../components/confirm.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import { ShareDialog } from '../sharing/share-dialog.tsx';
import { takeFirstCall } from '../state/first-calls.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { RecordForm } from './record-form.tsx';
import { RecordHistory } from './record-history.tsx';
import { RecordItem, type RecordAction } from './record-item.tsx';
import { EDITABLE_TYPES, RECORD_KINDS, type EditableType } from './record-kinds.ts';

type Open = { what: 'add'; type: EditableType } | { what: RecordAction; record: RecordView } | undefined;

export function MyData() {
  const { client } = useKith();
  const records = useQuery(
    () => (takeFirstCall('data.list') ?? Promise.resolve(undefined)).then((early) => early ?? client.call('data.list', {})),
    [],
    (event) => event.name === 'records.changed',
  );
  const [open, setOpen] = useState<Open>();
  const firstAdd = useRef<HTMLButtonElement>(null);
  usePrimaryFocus(firstAdd, records.data !== undefined || records.error !== undefined);
  const all = (records.data ?? []).filter((record) => record.type !== 'document');
  const close = () => setOpen(undefined);

  return (
    <Screen title="My data" intro="Everything here is signed with your key and stays on this computer. Every change keeps the earlier versions.">
      <ErrorNote error={records.error} />
      {records.data !== undefined && all.length === 0 ? (
        <EmptyState title="Nothing here yet">
          <p>Start with your name or an email address: choose Add in any category below. Documents have their own screen.</p>
        </EmptyState>
      ) : null}
      <div className="categories">
        {EDITABLE_TYPES.map((type, index) => {
          const kind = RECORD_KINDS[type];
          const ofType = all.filter((record) => record.type === type);
          return (
            <section className="category" key={type} aria-labelledby={`category-${type}`}>
              <div className="category-head">
                <h2 id={`category-${type}`}>{kind.category}</h2>
                <button type="button" ref={index === 0 ? firstAdd : undefined} onClick={() => setOpen({ what: 'add', type })}>
                  Add {kind.noun}
                </button>
              </div>
              {ofType.length === 0 ? null : (
                <ul className="records">
                  {ofType.map((record) => (
                    <RecordItem key={record.id} record={record} kind={kind} onAction={(what) => setOpen({ what, record })} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {open?.what === 'add' ? <RecordForm type={open.type} onClose={close} /> : null}
      {open?.what === 'edit' ? <RecordForm type={open.record.type as EditableType} record={open.record} onClose={close} /> : null}
      {open?.what === 'share' ? <ShareDialog record={open.record} kind={RECORD_KINDS[open.record.type as EditableType]} onClose={close} /> : null}
      {open?.what === 'history' ? <RecordHistory record={open.record} onClose={close} /> : null}
      {open?.what === 'delete' ? (
        <Confirm title="Delete this record?" confirmLabel="Delete" onClose={close} onConfirm={() => client.call('data.remove', { id: open.record.id }).then(() => undefined)}>
          <p>
            <strong>{RECORD_KINDS[open.record.type as EditableType].summary(open.record.data as Record<string, unknown>)}</strong> will no longer be
            among your data. Its history keeps a signed note that you deleted it.
          </p>
        </Confirm>
      ) : null}
    </Screen>
  );
}
