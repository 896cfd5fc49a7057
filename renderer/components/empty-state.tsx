// What an empty screen says: what belongs here, and what to do to put it there.
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/** A dialog that has nothing to work on yet: what to do first, and a way out. */
export function EmptyDialogBody({ title, children, onClose }: { title: string; children: ReactNode; onClose: () => void }) {
  return (
    <>
      <EmptyState title={title}>{children}</EmptyState>
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
