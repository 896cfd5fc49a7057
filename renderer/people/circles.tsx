// Circles: named groups of contacts, such as family or work, to share with all at once.
// The node announces only some circle changes (contacts.changed, grants.changed when a
// member is added), so after each change made here both lists are asked again as well.
import { useState } from 'react';
import type { CircleView, ContactView } from '../../src/api/methods/people.ts';
import { Confirm } from '../components/confirm.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { CircleForm } from './circle-form.tsx';
import { CircleItem, type CircleAction } from './circle-item.tsx';
import { CircleMembers } from './circle-members.tsx';

type Open = { what: 'create' } | { what: CircleAction; circle: CircleView } | undefined;

export function Circles({ contacts, onChanged }: { contacts: readonly ContactView[]; onChanged: () => void }) {
  const { client } = useKith();
  const circles = useQuery(
    () => client.call('circles.list', {}),
    [],
    (event) => event.name === 'contacts.changed' || event.name === 'grants.changed',
  );
  const changed = () => {
    circles.reload();
    onChanged();
  };
  const [open, setOpen] = useState<Open>();
  const list = circles.data ?? [];
  const close = () => setOpen(undefined);
  const current = open !== undefined && 'circle' in open ? (list.find((circle) => circle.id === open.circle.id) ?? open.circle) : undefined;

  return (
    <section className="panel" aria-labelledby="circles-title">
      <div className="category-head">
        <h2 id="circles-title">Circles</h2>
        <button type="button" onClick={() => setOpen({ what: 'create' })}>
          New circle
        </button>
      </div>
      <ErrorNote error={circles.error} />
      {circles.data !== undefined && list.length === 0 ? (
        <EmptyState title="No circles yet">
          <p>Choose New circle to make one, such as family or friends, then add contacts to it. You can share with a whole circle at once.</p>
        </EmptyState>
      ) : (
        <ul className="records">
          {list.map((circle) => (
            <CircleItem key={circle.id} circle={circle} onAction={(what) => setOpen({ what, circle })} />
          ))}
        </ul>
      )}
      {open?.what === 'create' ? <CircleForm onClose={close} onSaved={changed} /> : null}
      {open?.what === 'rename' && current !== undefined ? <CircleForm circle={current} onClose={close} onSaved={changed} /> : null}
      {open?.what === 'members' && current !== undefined ? <CircleMembers circle={current} contacts={contacts} onClose={close} onSaved={changed} /> : null}
      {open?.what === 'delete' && current !== undefined ? (
        <Confirm
          title={`Delete the circle ${current.name}?`}
          confirmLabel="Delete circle"
          onClose={close}
          onConfirm={() => client.call('circles.delete', { circle: current.id }).then(changed)}
        >
          <p>
            The circle <strong>{current.name}</strong> goes away; its {current.members.length === 1 ? 'member stays' : 'members stay'} among your contacts.
          </p>
        </Confirm>
      ) : null}
    </section>
  );
}
