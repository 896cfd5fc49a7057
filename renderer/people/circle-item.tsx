// One circle and who is in it.
import type { CircleView } from '../../src/api/methods/people.ts';
import { count } from '../lib/format.ts';

export type CircleAction = 'rename' | 'members' | 'delete';

export function CircleItem({ circle, onAction }: { circle: CircleView; onAction: (action: CircleAction) => void }) {
  return (
    <li className="record">
      <div className="record-text">
        <p className="record-summary">{circle.name}</p>
        <p className="record-meta">
          {circle.members.length === 0
            ? 'Nobody yet'
            : `${count(circle.members.length, 'member')}: ${circle.members.map((member) => member.petname).join(', ')}`}
        </p>
      </div>
      <div className="record-actions">
        <button type="button" onClick={() => onAction('members')} aria-label={`Members of ${circle.name}`}>
          Members
        </button>
        <button type="button" onClick={() => onAction('rename')} aria-label={`Rename circle ${circle.name}`}>
          Rename
        </button>
        <button type="button" className="danger-quiet" onClick={() => onAction('delete')} aria-label={`Delete circle ${circle.name}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
