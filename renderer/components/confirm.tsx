// Asks before something that cannot simply be undone; the safe choice has the focus.
import { useState, type ReactNode } from 'react';
import { ErrorNote } from './error-note.tsx';
import { Modal } from './modal.tsx';

export interface ConfirmProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

export function Confirm({ title, confirmLabel, onConfirm, onClose, children }: ConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return (
    <Modal title={title} onClose={onClose}>
      <div className="modal-body">{children}</div>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
