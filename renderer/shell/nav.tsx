// The navigation: grouped buttons, the current one marked for assistive technology.
import { UnreadCount } from '../conversations/unread-count.tsx';
import { PendingCount } from '../inbox/pending-count.tsx';
import type { Section } from './sections.ts';

export function Nav({ sections, current, onSelect }: { sections: readonly Section[]; current: string; onSelect: (id: string) => void }) {
  const groups = [...new Set(sections.map((section) => section.group))];
  return (
    <nav className="nav" aria-label="Kith">
      {groups.map((group) => (
        <div className="nav-group" key={group}>
          <h2 className="nav-heading">{group}</h2>
          <ul>
            {sections.filter((section) => section.group === group).map((section) => (
              <li key={section.id}>
                <button
                  type="button"
                  className={section.id === current ? 'nav-item current' : 'nav-item'}
                  aria-current={section.id === current ? 'page' : undefined}
                  onClick={() => onSelect(section.id)}
                >
                  {section.label}
                  {section.id === 'inbox' ? <PendingCount /> : null}
                  {section.id === 'conversations' ? <UnreadCount /> : null}
                  {section.ready ? null : <span className="soon"> · soon</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
